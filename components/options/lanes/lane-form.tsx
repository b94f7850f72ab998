import type { ReactNode } from 'react';
import { idFromName } from '@/lib/lanes/blank-lane';
import type { Lane } from '@/lib/schemas/lane';
import { CategoryList } from './category-list';
import { ChoiceGroup } from './choice-group';
import { useLaneEditor } from './editor-context';
import { ListField } from './list-field';
import { NewLeadValuesField, RoutingRulesField } from './routing-fields';
import { actionOptions, riskOptions, siteOptions } from './options';
import { SelectField, TextAreaField, TextField, ThresholdField } from './text-fields';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="lane-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/** Every dimension of one lane, in the order of the team's playbook, then its categories. */
export function LaneForm({ index, lane }: { index: number; lane: Lane }) {
  const { update } = useLaneEditor();
  const at = (...rest: Array<string | number>) => [index, ...rest];
  const sec = (name: string) => `lane-${index}-${name}`;
  return (
    <div className="lane-form" data-testid="lane-form">
      <Section id={sec('about')} title="Lane">
        <div className="lane-grid">
          <TextField path={at('name')} label="Name" onBlur={() => lane.id === '' && update(at('id'), idFromName(lane.name, '-'))} />
          <TextField path={at('id')} label="Lane id" hint="Lowercase letters, digits and hyphens; SOPs are tagged to it." />
        </div>
        <TextAreaField path={at('objective')} label="Objective" hint="The outcome this lane exists for." />
      </Section>
      <Section id={sec('trigger')} title="Trigger">
        <div className="lane-grid">
          <SelectField path={at('trigger', 'site')} label="Site" options={siteOptions} />
          <ListField path={at('trigger', 'recordTypes')} label="HubSpot record types" hint="Object type ids, one per line: 0-1 contact, 0-2 company, 0-3 deal, 0-5 ticket." />
        </div>
      </Section>
      <CategoryList laneIndex={index} categories={lane.categories} />
      <Section id={sec('io')} title="Inputs, outputs and consumers">
        <div className="lane-grid">
          <ListField path={at('inputs')} label="Inputs" />
          <ListField path={at('outputs')} label="Outputs" />
        </div>
        <ListField path={at('consumers')} label="Consumers" hint="Who uses the outputs, one per line." />
      </Section>
      <Section id={sec('processing')} title="Processing">
        <ChoiceGroup path={at('processing', 'actions')} legend="Actions" options={actionOptions} />
        <ListField path={at('processing', 'writableProperties')} label="HubSpot properties it may propose" hint="Internal property names, one per line; it can never write any other." />
      </Section>
      <Section id={sec('decisions')} title="Decisions it must not make">
        <div className="lane-grid">
          <ListField path={at('decisionsNotMade')} label="Decisions not made" />
          <ListField path={at('humanDecisionProperties')} label="Properties a person decides" hint="Proposed only with evidence, marked “decision: human”. Deal stage, amount and close date always are." />
        </div>
      </Section>
      <Section id={sec('quality')} title="Quality checks">
        <div className="lane-grid lane-grid--3">
          <ThresholdField path={at('qualityChecks', 'minGroundingScore')} label="Minimum grounding score" hint="0–1. Under it the panel escalates instead of drafting." />
          <ThresholdField path={at('qualityChecks', 'confidenceFloor')} label="Confidence floor" hint="0–1. Under it the thread goes to human triage." />
          <ListField path={at('qualityChecks', 'requiredFields')} label="Required handoff fields" hint="Handoff fields a packet must carry, one per line. Without one the packet is marked incomplete and names it." />
        </div>
      </Section>
      <Section id={sec('failure')} title="Failure and feedback">
        <TextField path={at('failureFeedback', 'escalateTo')} label="Escalate to" />
        <div className="lane-grid">
          <ListField path={at('failureFeedback', 'escalateWhen')} label="Escalate when" />
          <ListField path={at('failureFeedback', 'recordForLearning')} label="Record for learning" />
        </div>
      </Section>
      <Section id={sec('risk')} title="Risk, handoff and KPIs">
        <ChoiceGroup path={at('riskAcknowledgements')} legend="Risks a rep must acknowledge" options={riskOptions} />
        <div className="lane-grid">
          <ListField path={at('handoffFields')} label="Handoff fields" hint="Fields a handoff packet carries to HubSpot, one per line." />
          <ListField path={at('kpis')} label="KPIs" />
        </div>
        <RoutingRulesField path={at('routing')} />
        <NewLeadValuesField path={at('newLeadValues')} />
        <div className="lane-grid lane-grid--3">
          <ThresholdField path={at('alarms', 'reworkThreshold')} label="Rework alarm above" hint="0–1. A rework rate above it flags the lane on the KPI tab (playbook: 0.15)." />
          <ThresholdField path={at('alarms', 'minimumSample')} label="Minimum sample" min={1} max={100000} step={1} hint="Decided drafts (and samples per week) under which a figure says “not enough data”." />
          <ThresholdField path={at('alarms', 'anomalyThreshold')} label="Anomaly threshold" hint="0–1. A week-over-week shift beyond it is flagged." />
        </div>
      </Section>
    </div>
  );
}
