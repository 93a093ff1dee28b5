/**
 * The part of the Adaptive Cards 1.5 schema Hiroba renders. Kept narrow on purpose: every property
 * here exists in `adaptive-card-1.5.json` (the schema forbids unknown properties), and a test
 * validates rendered cards against it.
 */

export type Spacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge' | 'Padding';
export type TextColor = 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';

interface ElementBase {
  id?: string;
  spacing?: Spacing;
  separator?: boolean;
}

export interface TextBlock extends ElementBase {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  weight?: 'Lighter' | 'Default' | 'Bolder';
  isSubtle?: boolean;
  color?: TextColor;
  style?: 'default' | 'heading';
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet extends ElementBase {
  type: 'FactSet';
  facts: Fact[];
}

export interface Column {
  type: 'Column';
  width?: 'auto' | 'stretch' | string;
  items: CardElement[];
}

export interface ColumnSet extends ElementBase {
  type: 'ColumnSet';
  columns: Column[];
}

export interface InputText extends ElementBase {
  type: 'Input.Text';
  id: string;
  label?: string;
  isMultiline?: boolean;
  maxLength?: number;
  isRequired?: boolean;
  errorMessage?: string;
  placeholder?: string;
  regex?: string;
  value?: string;
}

export type ActionStyle = 'default' | 'positive' | 'destructive';

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: Record<string, unknown>;
  style?: ActionStyle;
}

export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
  style?: ActionStyle;
}

export type CardAction = SubmitAction | OpenUrlAction;

export interface ActionSet extends ElementBase {
  type: 'ActionSet';
  actions: CardAction[];
}

export interface ImageElement extends ElementBase {
  type: 'Image';
  /** An https URL or a `data:image/png;base64,…` URI (the digest chart). */
  url: string;
  altText?: string;
  size?: 'Auto' | 'Stretch' | 'Small' | 'Medium' | 'Large';
}

export type CardElement = TextBlock | FactSet | ColumnSet | InputText | ActionSet | ImageElement;

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  fallbackText?: string;
  lang?: string;
}
