export default function CatalogView() {
  return <section className="view view-padded">Danh mục</section>;
}
