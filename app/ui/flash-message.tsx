/** The one-time confirmation shown after an action ("Invitation envoyée…"), announced politely. */
export function FlashMessage({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p role="status" className="mb-4 rounded-md border border-green-700 bg-green-50 px-4 py-3 text-green-900">
      {message}
    </p>
  );
}
