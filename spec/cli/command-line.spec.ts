import { expect } from 'chai';
import { fromWhere, parseCommandLine, UsageError, type CommandSpec } from '../../lib/cli/command-line.js';
import { nearestName } from '../../lib/cli/nearest-name.js';

const FLAGS = {
  port: { type: 'string', default: '8000', value: 'PORT', describe: 'port' },
  'data-dir': { type: 'string', default: './data', value: 'DIR', describe: 'data' },
  store: { type: 'string', default: 'sqlite', choices: ['sqlite', 'memory'], describe: 'store' },
  redis: { type: 'string', fallbackEnv: 'REDIS_URL', describe: 'redis' },
  tls: { type: 'boolean', describe: 'tls' },
  reconnect: { type: 'boolean', default: true, describe: 'reconnect' },
  admin: { type: 'list', describe: 'operators' },
} as const;

/** What each test's --config file holds. */
let configFile: Record<string, unknown> = {};

const COMMAND: CommandSpec<typeof FLAGS> = {
  name: 'demo',
  usage: '[options]',
  about: 'a demo',
  flags: FLAGS,
  envPrefix: 'DEMO',
  config: {
    describe: 'a JSON file',
    read: (file) => {
      if (file === 'missing.json') throw new Error('cannot read --config missing.json: no such file');
      return configFile;
    },
  },
  version: '1.2.3',
};

function parse(args: string[], env: Record<string, string> = {}) {
  const parsed = parseCommandLine(COMMAND, args, env);
  if (parsed.kind !== 'run') throw new Error(`asked for ${parsed.kind}`);
  return parsed.values;
}

function refusal(args: string[], env: Record<string, string> = {}): string {
  try {
    parseCommandLine(COMMAND, args, env);
  } catch (error) {
    expect(error).to.be.instanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${args.join(' ')} was accepted`);
}

describe('reading a command line', function () {
  beforeEach(function () {
    configFile = {};
  });

  it('gives each flag its default when nothing sets it', function () {
    expect(parse([])).to.deep.equal({ port: '8000', 'data-dir': './data', store: 'sqlite', redis: undefined, tls: false, reconnect: true, admin: [] });
  });

  it('takes --flag value, --flag=value, a bare boolean, --no-boolean, and a list flag given again', function () {
    const values = parse(['--port', '9000', '--data-dir=/tmp/x', '--tls', '--no-reconnect', '--admin', 'alice', '--admin=bob']);
    expect(values).to.include({ port: '9000', 'data-dir': '/tmp/x', tls: true, reconnect: false });
    expect(values.admin).to.deep.equal(['alice', 'bob']);
    expect(parse(['--admin', 'alice', 'bob']).admin).to.deep.equal(['alice', 'bob']);
    expect(parse(['--tls=false']).tls).to.equal(false);
    expect(parse(['--tls', 'false', '--reconnect', 'true'])).to.include({ tls: false, reconnect: true });
    expect(parse(['--port', '1', '--port', '2']).port).to.equal('2');
  });

  it('takes the command line over the environment, the environment over --config, and --config over the fallback variable', function () {
    configFile = { port: 7000, redis: 'redis://file', admin: ['carol'], tls: true };
    const env = { DEMO_PORT: '8500', REDIS_URL: 'redis://fallback', DEMO_ADMIN: 'dave, erin' };
    expect(parse(['--config', 'c.json'], env)).to.include({ port: '8500', redis: 'redis://file', tls: true });
    expect(parse(['--config', 'c.json'], env).admin).to.deep.equal(['dave', 'erin']);
    expect(parse(['--config', 'c.json', '--port', '9000'], env).port).to.equal('9000');
    expect(parse([], { REDIS_URL: 'redis://fallback' }).redis).to.equal('redis://fallback');
    expect(parse([], { DEMO_CONFIG: 'c.json' }).port).to.equal('7000');
    expect(parse([], { DEMO_PORT: '' }).port).to.equal('8000');
    expect(parse([], { DEMO_TLS: 'true', DEMO_RECONNECT: '0' })).to.include({ tls: true, reconnect: false });
  });

  it('answers --help and --version instead of running, even beside a wrong flag', function () {
    expect(parseCommandLine(COMMAND, ['--port', '1', '-h'], {})).to.deep.equal({ kind: 'help' });
    expect(parseCommandLine(COMMAND, ['--frobnicate', '--help'], {})).to.deep.equal({ kind: 'help' });
    expect(parseCommandLine(COMMAND, ['--version'], {})).to.deep.equal({ kind: 'version' });
    expect(parseCommandLine(COMMAND, ['--port', '--help'], {})).to.deep.equal({ kind: 'help' });
  });

  it('refuses in one line what it cannot use, naming the flag and what it takes', function () {
    expect(refusal(['--frobnicate'])).to.equal('unknown flag --frobnicate');
    expect(refusal(['--prot', '9000'])).to.equal('unknown flag --prot; did you mean --port?');
    expect(refusal(['--prot', '9000', '-x'])).to.equal('unknown flags --prot, -x; did you mean --port?');
    expect(refusal(['--port'])).to.equal('--port needs a value');
    expect(refusal(['--port', '--tls'])).to.equal('--port needs a value');
    expect(refusal(['--store', 'mongo'])).to.equal('--store must be one of sqlite, memory; got "mongo"');
    expect(refusal(['9000'])).to.equal('unexpected "9000": every value follows its flag (--name value)');
    expect(refusal(['--tls=maybe'])).to.equal('--tls must be true or false, got "maybe"');
    expect(refusal(['--data-dir', '-x'])).to.equal('--data-dir needs a value (one that starts with "-" goes as --data-dir=-x)');
    expect(parse(['--data-dir=-x'])['data-dir']).to.equal('-x');
    expect(refusal(['--constructor', 'x'])).to.equal('unknown flag --constructor');
    expect(refusal(['--', '--port'])).to.equal('unexpected "--port": every value follows its flag (--name value)');
    expect(refusal(['-p', '9000'])).to.equal('unknown flag -p');
    expect(refusal([], { DEMO_TLS: 'maybe' })).to.equal('DEMO_TLS must be true or false, got "maybe"');
  });

  it('refuses a --config file it cannot read, with a key that is no flag, or with a value of the wrong kind', function () {
    expect(refusal(['--config', 'missing.json'])).to.equal('cannot read --config missing.json: no such file');
    configFile = { prot: 9000 };
    expect(refusal(['--config', 'c.json'])).to.equal('--config c.json: unknown key "prot"; did you mean "port"?');
    configFile = { port: [9000] };
    expect(refusal(['--config', 'c.json'])).to.equal('--config c.json: "port" must be a string or a number, got [9000]');
    configFile = { constructor: 'x' };
    expect(refusal(['--config', 'c.json'])).to.equal('--config c.json: unknown key "constructor"');
    configFile = { admin: [1] };
    expect(refusal(['--config', 'c.json'])).to.equal('--config c.json: "admin" must be a list of strings, got [1]');
  });

  it('says where a value came from when it was not typed, so an error about it can say so', function () {
    configFile = { port: 'x' };
    const parsed = parseCommandLine(COMMAND, ['--config', 'c.json', '--tls'], { DEMO_DATA_DIR: '/srv', REDIS_URL: 'redis://r' });
    if (parsed.kind !== 'run') throw new Error(parsed.kind);
    expect(parsed.sources).to.deep.equal({ port: '--config c.json', 'data-dir': 'DEMO_DATA_DIR', redis: 'REDIS_URL' });
    expect(fromWhere('--port must be a whole number, got "x"', parsed.sources)).to.equal('--port must be a whole number, got "x" (from --config c.json)');
    expect(fromWhere('--tls goes with --ca', parsed.sources)).to.equal('--tls goes with --ca');
    expect(refusal([], { DEMO_STORE: 'mongo' })).to.equal('--store must be one of sqlite, memory; got "mongo" (from DEMO_STORE)');
  });

  it('suggests the nearest name only for a likely typo', function () {
    const known = ['port', 'store', 'log-level', 'data-dir'];
    expect(nearestName('datadir', known)).to.equal('data-dir');
    expect(nearestName('prot', known)).to.equal('port');
    expect(nearestName('zebra', known)).to.equal(undefined);
    expect(nearestName('p', ['ca', 'port'])).to.equal(undefined);
  });
});
