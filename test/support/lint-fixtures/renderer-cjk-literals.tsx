// lint as: renderer/src/screens/stock/Example.tsx
// Chinese written into a component: as JSX text, as an attribute string, and inside a template.
export function Example({ n }: { n: number }) {
  return (
    <section title="库存">
      <h2>批次库存</h2>
      <p>{`共 ${n} 个批次`}</p>
    </section>
  )
}
