import { ValidationFailedError } from '../../common/errors/domain-error';
import { checkReferences, titlesFromText } from './item-rules';

function fields(run: () => void): string[] {
  try {
    run();
    return [];
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    return error.errors.map((e) => e.field);
  }
}

describe('item rules', () => {
  it('turns pasted lines into titles, dropping bullets, numbers and blank lines', () => {
    expect(titlesFromText('- uno\r\n\n* due\n  3. tre  \n4) quattro\n• cinque\n-sei')).toEqual([
      'uno',
      'due',
      'tre',
      'quattro',
      'cinque',
      '-sei',
    ]);
    expect(fields(() => titlesFromText(' \n '))).toEqual(['text']);
    expect(fields(() => titlesFromText(`ok\n${'x'.repeat(201)}`))).toEqual(['text']);
  });

  it('checks estimate, assignee, parent, type and labels, naming each field', () => {
    const scale = [0, 1, 2, 3, 5, 8];
    expect(
      fields(() => checkReferences({ pointScale: scale, type: 'story', estimate: 5 })),
    ).toEqual([]);
    expect(
      fields(() => checkReferences({ pointScale: scale, type: 'story', estimate: 4 })),
    ).toEqual(['estimate']);
    expect(
      fields(() =>
        checkReferences({
          pointScale: scale,
          type: 'epic',
          assigneeIsMember: false,
          parent: { type: 'epic', archived: false },
          hasChildren: false,
          labelIds: ['a', 'b'],
          missingLabels: ['b'],
        }),
      ),
    ).toEqual(['assigneeId', 'parentId', 'labelIds.1']);
    expect(
      fields(() =>
        checkReferences({
          pointScale: scale,
          type: 'bug',
          parent: { type: 'story', archived: false },
        }),
      ),
    ).toEqual(['parentId']);
    expect(fields(() => checkReferences({ pointScale: scale, type: 'bug', parent: null }))).toEqual(
      ['parentId'],
    );
    expect(
      fields(() => checkReferences({ pointScale: scale, type: 'task', hasChildren: true })),
    ).toEqual(['type']);
  });
});
