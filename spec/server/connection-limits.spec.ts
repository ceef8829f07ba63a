import { expect } from 'chai';
import { ConnectionLimits } from '../../lib/server/connection-limits.js';

describe('connection limits', () => {
  it('admits up to the per-address limit from one address, and others still', () => {
    const limits = new ConnectionLimits({ maxConnections: 10, maxPerAddress: 2 });
    expect(limits.admit('10.0.0.1')).to.equal(undefined);
    expect(limits.admit('10.0.0.1')).to.equal(undefined);
    expect(limits.admit('10.0.0.1')).to.match(/Too many connections from 10\.0\.0\.1 \(the limit is 2\)/);
    expect(limits.admit('10.0.0.2')).to.equal(undefined);
    expect(limits.open).to.equal(3);
  });

  it('refuses everyone once the total is reached, and admits again after a release', () => {
    const limits = new ConnectionLimits({ maxConnections: 2, maxPerAddress: 5 });
    limits.admit('a');
    limits.admit('b');
    expect(limits.admit('c')).to.match(/The server is full \(2 connections\)/);
    limits.release('a');
    expect(limits.admit('c')).to.equal(undefined);
  });

  it('ignores a release for an address it holds nothing for', () => {
    const limits = new ConnectionLimits({ maxConnections: 1, maxPerAddress: 1 });
    limits.release('nobody');
    expect(limits.open).to.equal(0);
    expect(limits.admit('a')).to.equal(undefined);
    expect(limits.admit('b')).to.match(/full/);
  });
});
