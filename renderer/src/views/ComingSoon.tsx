export default function ComingSoon() {
  return (
    <section className="view view-padded">
      <p>Khu vực này sẽ có trong phiên bản tiếp theo.</p>
    </section>
  );
}
