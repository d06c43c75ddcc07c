import AkSpinner from '@atlaskit/spinner';

/** A loading message: the spinner is decoration, the words are what a screen reader hears. */
export function Spinner({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      <AkSpinner size="small" label="" />
      {label}
    </p>
  );
}
