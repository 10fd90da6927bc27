// Placeholder until the page is built (issue 9).
export default function EnConstruction() {
  return <p>Page en construction.</p>;
}
