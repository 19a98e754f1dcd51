/** Published few-shot figures to print beside ours, in percent. */

/** A published row: accuracy per episode setting. */
export interface PublishedRow {
  method: string;
  source: string;
  /** Setting name, e.g. '5-way 1-shot', to accuracy in percent. */
  accuracy: Readonly<Record<string, number>>;
}

/** The four Omniglot settings, in table order. */
export const OMNIGLOT_SETTINGS: ReadonlyArray<
  { nWay: number; kShot: number; name: string }> = Object.freeze([
  { nWay: 5, kShot: 1, name: '5-way 1-shot' },
  { nWay: 5, kShot: 5, name: '5-way 5-shot' },
  { nWay: 20, kShot: 1, name: '20-way 1-shot' },
  { nWay: 20, kShot: 5, name: '20-way 5-shot' },
]);

/** Omniglot, Vinyals split, 28x28, Conv-4. */
export const OMNIGLOT_PUBLISHED: readonly PublishedRow[] = Object.freeze([
  { method: 'Prototypical Networks', source: 'Snell et al., NeurIPS 2017',
    accuracy: { '5-way 1-shot': 98.8, '5-way 5-shot': 99.7,
      '20-way 1-shot': 96.0, '20-way 5-shot': 98.9 } },
  { method: 'MAML', source: 'Finn et al., ICML 2017',
    accuracy: { '5-way 1-shot': 98.7, '5-way 5-shot': 99.9,
      '20-way 1-shot': 95.8, '20-way 5-shot': 98.9 } },
]);

/** S2M2_R's own table (Mangla et al., WACV 2020), 5-way, WRN-28-10. */
export const S2M2R_PUBLISHED: readonly PublishedRow[] = Object.freeze([
  { method: 'S2M2_R miniImageNet', source: 'Mangla et al., WACV 2020',
    accuracy: { '5-way 1-shot': 64.93, '5-way 5-shot': 83.18 } },
  { method: 'S2M2_R CUB', source: 'Mangla et al., WACV 2020',
    accuracy: { '5-way 1-shot': 80.68, '5-way 5-shot': 90.85 } },
  { method: 'S2M2_R CIFAR-FS', source: 'Mangla et al., WACV 2020',
    accuracy: { '5-way 1-shot': 74.81, '5-way 5-shot': 87.47 } },
]);
