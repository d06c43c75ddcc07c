import { indexAccounts, matchAccount } from '../../../src/core/match';
import { jiraUser } from '../../helpers';

const accounts = indexAccounts([
  jiraUser('acc-a', 'Alice@Contoso.com'),
  jiraUser('acc-b1', 'bob@contoso.com'),
  jiraUser('acc-b2', 'BOB@contoso.com'),
  jiraUser('acc-off', 'off@contoso.com', { active: false }),
  jiraUser('acc-app', 'bot@contoso.com', { accountType: 'app' }),
  jiraUser('acc-cust', 'cust@contoso.com', { accountType: 'customer' }),
  jiraUser('acc-renamed', 'new-name@contoso.com'),
]);

describe('matchAccount', () => {
  it('matches an email case-insensitively', () => {
    expect(matchAccount('alice@contoso.com', undefined, accounts)).toEqual({
      kind: 'matched',
      accountId: 'acc-a',
      via: 'email',
    });
  });
  it('never guesses between two accounts with the same email', () => {
    expect(matchAccount('bob@contoso.com', undefined, accounts)).toEqual({
      kind: 'ambiguous-match',
      candidates: ['acc-b1', 'acc-b2'],
    });
  });
  it.each(['off@contoso.com', 'bot@contoso.com', 'cust@contoso.com', 'nobody@contoso.com'])(
    'does not match %s (inactive, app, customer or absent)',
    (email) => {
      expect(matchAccount(email, undefined, accounts)).toEqual({ kind: 'not-in-jira' });
    },
  );
  it('keeps a stored link even after the email changed', () => {
    expect(matchAccount('old-name@contoso.com', 'acc-renamed', accounts)).toEqual({
      kind: 'matched',
      accountId: 'acc-renamed',
      via: 'link',
    });
  });
  it('ignores a stored link to an account that is no longer matchable', () => {
    expect(matchAccount('alice@contoso.com', 'acc-off', accounts)).toEqual({
      kind: 'matched',
      accountId: 'acc-a',
      via: 'email',
    });
  });
});
