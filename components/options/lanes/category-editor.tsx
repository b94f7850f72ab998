import { useState } from 'react';
import { idFromName } from '@/lib/lanes/blank-lane';
import type { Category } from '@/lib/schemas/lane';
import { ChoiceGroup } from './choice-group';
import { issuesAt, useLaneEditor, type FieldPath } from './editor-context';
import { ListField } from './list-field';
import { riskOptions, replyOptions } from './options';
import { SelectField, TextAreaField, TextField } from './text-fields';

/**
 * One category of a lane: what it is, who owns it, the messages the local model learns it from. Folded to one line
 * (label, owner, how many examples) so a lane's categories read as a list; a new one, or one with a problem, is open.
 */
export function CategoryEditor({ path, category, onRemove }: { path: FieldPath; category: Category; onRemove: () => void }) {
  const { update, issues } = useLaneEditor();
  const [open, setOpen] = useState(category.id === '');
  const at = (...rest: Array<string | number>) => [...path, ...rest];
  const title = category.label || category.id || 'New category';
  const problems = issuesAt(issues, path).length;
  return (
    <details className="lane-category" open={open || problems > 0} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={`category-${path.join('-')}`}>
      <summary>
        <span className="lane-category__title">{title}</span>
        <span className="lane-category__meta">
          {category.owner || 'no owner yet'} · {category.examples.length} {category.examples.length === 1 ? 'example' : 'examples'}
          {category.reply === 'none' && ' · no reply'}
          {problems > 0 && <span className="lane-category__problems"> · {problems === 1 ? '1 problem' : `${problems} problems`}</span>}
        </span>
      </summary>
      <div className="lane-grid">
        <TextField path={at('label')} label="Label" hint="As the panel shows it." onBlur={() => category.id === '' && update(at('id'), idFromName(category.label, '_'))} />
        <TextField path={at('id')} label="Category id" hint="Lowercase letters, digits, underscores; corrections and SOP tags use it." />
        <TextField path={at('intent')} label="Intent" hint='What the sender wants, e.g. "ask where an order is".' />
        <TextField path={at('owner')} label="Owner or queue" hint="The team or queue this kind of message goes to." />
      </div>
      <TextAreaField path={at('description')} label="Description" hint="What belongs here and what does not." />
      <ListField path={at('examples')} label="Example messages" hint="One message per line, in your team's own words: the local model learns the category from them." rows={5} />
      <div className="lane-grid">
        <ListField path={at('sopTags')} label="SOP tags" hint="SOP section tags that answer it, one per line; none means its id." />
        <SelectField path={at('reply')} label="Reply" options={replyOptions} />
        <TextField path={at('ticketCategory')} label="HubSpot ticket category" hint="The hs_ticket_category value a thread of this kind proposes on the customer's open ticket (e.g. BILLING_ISSUE); empty proposes none." />
      </div>
      <ChoiceGroup path={at('riskAcknowledgements')} legend="Always ask to acknowledge" options={riskOptions} />
      <div className="lane-category__actions">
        <button type="button" className="button button--quiet" onClick={onRemove}>
          Remove category “{title}”
        </button>
      </div>
    </details>
  );
}
