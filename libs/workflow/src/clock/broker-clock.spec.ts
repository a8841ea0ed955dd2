import { BrokerClock } from './broker-clock';

/** Brokers' clocks as a fake actuator: GET reads, POST /add moves one by its offset. */
function fakeBrokers(clocks: Record<string, number>) {
  const adds: { url: string; offset: number }[] = [];
  const fetchStub = jest.fn(async (input: string, init?: RequestInit) => {
    const url = input.replace(/\/actuator\/clock.*$/, '');
    if (init?.method === 'POST' && input.endsWith('/add')) {
      const offset = (JSON.parse(init.body as string) as { offsetMilli: number }).offsetMilli;
      clocks[url] += offset;
      adds.push({ url, offset });
    }
    return new Response(JSON.stringify({ epochMilli: clocks[url] }), { status: 200 });
  });
  return { fetchStub, adds };
}

describe('BrokerClock over several brokers', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  it('moves every broker to the same target, bringing a restarted one in line', async () => {
    const clocks = { 'http://a:1': 10_000_000, 'http://b:1': 10_000_000, 'http://c:1': 4_000 };
    const { fetchStub } = fakeBrokers(clocks);
    global.fetch = fetchStub as unknown as typeof fetch;
    const clock = new BrokerClock('http://a:1,http://b:1, http://c:1');

    const now = await clock.advance(86_400_000);

    expect(now.getTime()).toBe(10_000_000 + 86_400_000);
    expect(Object.values(clocks)).toEqual([96_400_000, 96_400_000, 96_400_000]);
  });

  it('aligns only the brokers that lag', async () => {
    const clocks = { 'http://a:1': 50_000, 'http://b:1': 5_000 };
    const { fetchStub, adds } = fakeBrokers(clocks);
    global.fetch = fetchStub as unknown as typeof fetch;

    expect(await new BrokerClock('http://a:1,http://b:1').align()).toBe(true);
    expect(adds).toEqual([{ url: 'http://b:1', offset: 45_000 }]);
    expect(await new BrokerClock('http://a:1,http://b:1').align()).toBe(false);
  });

  it('keeps one broker a plain relative move', async () => {
    const clocks = { 'http://a:1': 1_000 };
    const { fetchStub, adds } = fakeBrokers(clocks);
    global.fetch = fetchStub as unknown as typeof fetch;

    expect((await new BrokerClock('http://a:1').advance(500)).getTime()).toBe(1_500);
    expect(adds).toEqual([{ url: 'http://a:1', offset: 500 }]);
  });
});
