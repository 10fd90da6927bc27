/** A self-contained page (no database, no React) for when the database does not answer. */
export function unavailablePage(): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Service momentanément indisponible – Promeneurs du Net</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<main>
<h1>Service momentanément indisponible</h1>
<p>Le site ne peut pas joindre sa base de données pour le moment. Réessayez dans quelques minutes : il se rétablira de lui-même.</p>
<h2>Besoin d'aide tout de suite ?</h2>
<ul>
<li>Urgences : <a href="tel:112">112</a>, SAMU <a href="tel:15">15</a>, police <a href="tel:17">17</a>, pompiers <a href="tel:18">18</a>, par SMS <a href="sms:114">114</a></li>
<li>Prévention du suicide, 24 h/24 : <a href="tel:3114">3114</a></li>
<li>Enfance en danger, 24 h/24 : <a href="tel:119">119</a></li>
<li>Cyberharcèlement : <a href="tel:3018">3018</a></li>
</ul>
</main></body></html>`;
}
