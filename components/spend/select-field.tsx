import type { ReactNode, SelectHTMLAttributes } from "react";

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, "onChange"> & {
  label: string;
  id: string;
  onValue: (value: string) => void;
  children: ReactNode;
};

/** A labelled native select (keyboard- and test-friendly, fits narrow screens). */
export function SelectField({ label, id, onValue, children, className, ...rest }: Props) {
  return (
    <div className={`min-w-0 ${className ?? ""}`}>
      <label htmlFor={id} className="block text-xs font-medium text-tremor-content">
        {label}
      </label>
      <select
        id={id}
        {...rest}
        onChange={(e) => onValue(e.target.value)}
        className="mt-1 block w-full rounded-tremor-default border-tremor-border py-1.5 text-sm shadow-tremor-input focus:border-tremor-brand focus:ring-tremor-brand disabled:bg-tremor-background-subtle disabled:text-tremor-content-subtle"
      >
        {children}
      </select>
    </div>
  );
}
