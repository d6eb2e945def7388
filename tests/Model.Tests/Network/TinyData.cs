using Orleans.Tuning.Model.Data;
using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Model.Tests.Network;

/// <summary>A small seeded 4-feature, 3-class dataset whose class is readable from the features.</summary>
internal static class TinyData
{
    public static Dataset Make(int count, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[count * 4];
        var y = new int[count];
        for (var i = 0; i < count; i++)
        {
            y[i] = i % 3;
            for (var f = 0; f < 4; f++) x[i * 4 + f] = (float)(rng.NextGaussian() + (f == y[i] ? 2.0 : 0.0));
        }
        return new Dataset(x, y, 4, 3, "tiny");
    }
}
