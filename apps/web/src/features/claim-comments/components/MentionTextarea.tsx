import { useRef, useState, type KeyboardEvent } from 'react';
import { Combobox, Textarea, useCombobox, type TextareaProps } from '@mantine/core';
import type { Person } from '@corroborate/contracts';
import { insertMention, mentionMatches, mentionQuery } from '../mentions';

interface MentionTextareaProps extends Omit<TextareaProps, 'value' | 'onChange'> {
  value: string;
  onChange: (value: string) => void;
  people: readonly Person[];
}

/** A Markdown text box where `@` offers the workspace's members; arrows pick one, Enter or Tab inserts it. */
export function MentionTextarea({ value, onChange, people, onKeyDown, ...props }: MentionTextareaProps) {
  const combobox = useCombobox();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const mention = mentionQuery(value, caret);
  const options = mention ? mentionMatches(people, mention.query) : [];

  const track = (text: string, at: number) => {
    setCaret(at);
    const next = mentionQuery(text, at);
    if (next && mentionMatches(people, next.query).length) {
      combobox.openDropdown();
      combobox.selectFirstOption();
    } else combobox.closeDropdown();
  };

  const pick = (id: string) => {
    const person = people.find((p) => p.id === id);
    if (!person || !mention) return;
    const next = insertMention(value, mention, caret, person.displayName);
    onChange(next.text);
    setCaret(next.caret);
    combobox.closeDropdown();
    requestAnimationFrame(() => ref.current?.setSelectionRange(next.caret, next.caret));
  };

  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (combobox.dropdownOpened && event.key === 'Tab' && options.length) {
      event.preventDefault();
      combobox.clickSelectedOption();
      return;
    }
    // Esc closes the suggestions first, not the form around them.
    if (combobox.dropdownOpened && event.key === 'Escape') {
      event.preventDefault();
      combobox.closeDropdown();
      return;
    }
    onKeyDown?.(event);
  };

  return (
    <Combobox store={combobox} onOptionSubmit={pick} withinPortal={false} position="bottom-start">
      <Combobox.Target withAriaAttributes={false}>
        <Textarea
          ref={ref}
          value={value}
          onChange={(e) => {
            onChange(e.currentTarget.value);
            track(e.currentTarget.value, e.currentTarget.selectionStart);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={keyDown}
          onBlur={() => combobox.closeDropdown()}
          {...props}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!options.length} aria-label="Mention a member">
        <Combobox.Options>
          {options.map((p) => (
            <Combobox.Option key={p.id} value={p.id}>
              @{p.displayName}
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
