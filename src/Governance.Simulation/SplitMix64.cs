namespace Governance.Simulation;

/// <summary>
/// SplitMix64: a small, fast pseudo-random sequence that is the same on every runtime, so seeded output (the synthetic
/// mesh, the simulation's sample data) is byte-identical everywhere.
/// </summary>
internal sealed class SplitMix64(int seed)
{
    private ulong _state = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + 0xD1B54A32D192ED03UL);

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)((NextULong() >> 33) * (ulong)n >> 31);

    public bool Chance(double p) => NextDouble() < p;
}
