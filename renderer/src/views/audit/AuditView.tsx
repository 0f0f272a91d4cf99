export default function AuditView() {
  return <section className="view view-padded">Nhật ký</section>;
}
