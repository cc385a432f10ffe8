/// <reference types="jest" />
import { ClaimsQuery } from '@corroborate/contracts';
import { filtersToParams, parseFilters, toQuery } from './tableFilters';

describe('claims table filters', () => {
  it('round-trips through the URL', () => {
    const params = new URLSearchParams('status=open&status=in_review&assignee=me&tag=budget&priority=high&overdue=true&q=river&sort=due');
    const filters = parseFilters(params);
    expect(filters).toEqual({ status: ['open', 'in_review'], assignee: 'me', tag: 'budget', claimant: '', priority: 'high', overdue: true, q: 'river', sort: 'due' });
    expect(parseFilters(filtersToParams(filters))).toEqual(filters);
  });

  it('drops values the API would refuse', () => {
    expect(parseFilters(new URLSearchParams('status=finished&priority=huge&sort=random'))).toMatchObject({ status: [], priority: '', sort: 'updated' });
  });

  it('builds a query the contract accepts, without empty filters', () => {
    const query = toQuery(parseFilters(new URLSearchParams('status=open&q=%20river%20')));
    expect(query).toEqual({ status: ['open'], q: 'river', sort: 'updated' });
    expect(ClaimsQuery.safeParse(query).success).toBe(true);
  });
});
