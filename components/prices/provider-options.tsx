/** A datalist of known providers for free-text provider fields. */
export function ProviderOptions({ id, providers }: { id: string; providers: string[] }) {
  return (
    <datalist id={id}>
      {providers.map((p) => (
        <option key={p} value={p} />
      ))}
    </datalist>
  );
}
