import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import './form-field.css';

interface FieldChrome {
  label: string;
  /** Help shown under the label and read with the control. */
  hint?: ReactNode;
  /** The message shown when the value is wrong; marks the control invalid and is read with it. */
  error?: string | null;
  /** Another element that explains the control, e.g. a form-level error about several fields. */
  describedBy?: string;
  /** Marks the control invalid without a message of its own (the message is in `describedBy`). */
  invalid?: boolean;
}

function describedBy(ids: unknown[]): string | undefined {
  const joined = ids.filter((part) => typeof part === 'string' && part !== '').join(' ');
  return joined === '' ? undefined : joined;
}

function FieldFrame(props: Omit<FieldChrome, 'describedBy'> & { id: string; children: ReactNode }) {
  const { id, label, hint, error, invalid, children } = props;
  return (
    <div className={`form-field${error || invalid ? ' form-field--invalid' : ''}`}>
      <label className="form-field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="form-field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="form-field__error" id={`${id}-error`}>
          <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16">
            <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M8 4v5M8 11v1" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

export type TextFieldProps = FieldChrome &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { id?: string; ref?: Ref<HTMLInputElement> };

/** A labelled input whose hint and error are linked to it (aria-describedby) for screen readers. */
export function TextField(props: TextFieldProps) {
  const { label, hint, error, describedBy: extra, invalid, id: givenId, className, ...input } = props;
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} invalid={invalid}>
      <input
        {...input}
        id={id}
        className={`form-field__control${className ? ` ${className}` : ''}`}
        aria-invalid={error || invalid ? true : undefined}
        aria-describedby={describedBy([extra, hint && `${id}-hint`, error && `${id}-error`])}
      />
    </FieldFrame>
  );
}

export type SelectFieldProps = FieldChrome &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
    id?: string;
    ref?: Ref<HTMLSelectElement>;
    children: ReactNode;
  };

export function SelectField(props: SelectFieldProps) {
  const {
    label,
    hint,
    error,
    describedBy: extra,
    invalid,
    id: givenId,
    className,
    children,
    ...select
  } = props;
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} invalid={invalid}>
      <select
        {...select}
        id={id}
        className={`form-field__control${className ? ` ${className}` : ''}`}
        aria-invalid={error || invalid ? true : undefined}
        aria-describedby={describedBy([extra, hint && `${id}-hint`, error && `${id}-error`])}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

export type TextAreaFieldProps = FieldChrome &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { id?: string; ref?: Ref<HTMLTextAreaElement> };

export function TextAreaField(props: TextAreaFieldProps) {
  const { label, hint, error, describedBy: extra, invalid, id: givenId, className, ...textarea } = props;
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} invalid={invalid}>
      <textarea
        {...textarea}
        id={id}
        className={`form-field__control form-field__control--multiline${className ? ` ${className}` : ''}`}
        aria-invalid={error || invalid ? true : undefined}
        aria-describedby={describedBy([extra, hint && `${id}-hint`, error && `${id}-error`])}
      />
    </FieldFrame>
  );
}
