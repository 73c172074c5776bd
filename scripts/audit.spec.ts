import { isPatched } from './audit';

describe('audit floor', () => {
  it('compares within the major line and refuses older lines', () => {
    expect(isPatched('8.17.1', ['8.17.1', '7.5.10'])).toBe(true);
    expect(isPatched('8.23.0', ['8.17.1', '7.5.10'])).toBe(true);
    expect(isPatched('8.17.0', ['8.17.1', '7.5.10'])).toBe(false);
    expect(isPatched('7.5.9', ['8.17.1', '7.5.10'])).toBe(false);
    expect(isPatched('6.2.3', ['8.17.1', '7.5.10'])).toBe(false);
    expect(isPatched('1.1.1', ['0.7.0'])).toBe(true);
    expect(isPatched('0.6.0', ['0.7.0'])).toBe(false);
    expect(isPatched('4.2.7', ['4.2.3', '3.4.3'])).toBe(true);
    expect(isPatched('4.2.2', ['4.2.3', '3.4.3'])).toBe(false);
  });
});
