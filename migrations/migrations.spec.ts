import { readdirSync } from 'node:fs';
import { migrations } from './index';

describe('migrations index', () => {
  it('lists every migration file of the folder, oldest first', () => {
    const files = readdirSync(__dirname)
      .filter((file) => /^\d{13}-.+\.ts$/.test(file))
      .sort();
    const names = migrations.map((migration) => migration.name);
    expect(names).toHaveLength(files.length);
    const timestamps = files.map((file) => file.slice(0, 13));
    names.forEach((name, index) => expect(name).toContain(timestamps[index]));
  });
});
