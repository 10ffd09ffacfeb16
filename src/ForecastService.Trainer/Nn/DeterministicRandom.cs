namespace ForecastService.Trainer.Nn;

/// <summary>
/// SplitMix64: a tiny, fast generator whose stream is fully defined by its seed on every platform and runtime,
/// unlike <see cref="Random"/>, whose seeded algorithm is an implementation detail. Streams for dropout masks are
/// keyed by (seed, step, layer, window) so they do not depend on how a batch is split across threads.
/// </summary>
internal struct DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    public static DeterministicRandom For(long seed, long a, long b = 0, long c = 0)
    {
        var s = Mix((ulong)seed ^ 0x9E3779B97F4A7C15UL);
        s = Mix(s ^ (ulong)a);
        s = Mix(s ^ (ulong)b);
        s = Mix(s ^ (ulong)c);
        return new DeterministicRandom(s);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 24 random bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [lo, hi).</summary>
    public float NextSingle(float lo, float hi) => lo + ((hi - lo) * NextSingle());

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n) => (int)((NextUInt64() >> 33) % (ulong)n);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
