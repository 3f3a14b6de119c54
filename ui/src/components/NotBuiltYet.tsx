/** An honest placeholder: this part of Jiffy is not built yet, and says so. */
export function NotBuiltYet({ title, what }: { title: string; what: string }) {
  return (
    <section className="not-built">
      <h1 id="page-title">{title}</h1>
      <div className="notice" role="status">
        <strong>Not built yet.</strong> {what} will live here. This version of Jiffy does not
        have it, so nothing on this page pretends to work.
      </div>
    </section>
  );
}
