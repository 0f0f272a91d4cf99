// Placeholder for the "Báo cáo quý" tab of Chỉ tiêu và báo cáo; the reports area replaces this file.
export default function ReportsTab() {
  return (
    <section className="view-padded">
      <p>Báo cáo quý sẽ có ở đây.</p>
    </section>
  );
}
