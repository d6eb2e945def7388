using System.Collections;
using System.Reflection;

namespace Orleans.Tuning.Grains.Tests.Storage;

/// <summary>Equality by value all the way down: records holding lists compare their lists by reference, stored copies never are the same list.</summary>
internal static class DeepAssert
{
    public static void Equal(object? expected, object? actual, string path = "")
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{Where(path)}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }
        // double.Equals counts NaN equal to NaN, as a stored failure row needs.
        if (expected.Equals(actual)) return;
        if (expected is byte[] bytes && actual is byte[] stored)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(stored), $"{Where(path)}: {bytes.Length} bytes stored, {stored.Length} different ones read back");
            return;
        }
        // Sequences compare item by item whatever list type holds them.
        if (expected is IEnumerable items and not string && actual is IEnumerable others)
        {
            var e = items.Cast<object?>().ToList();
            var a = others.Cast<object?>().ToList();
            Assert.True(e.Count == a.Count, $"{Where(path)}: expected {e.Count} items, got {a.Count}");
            for (var i = 0; i < e.Count; i++) Equal(e[i], a[i], $"{path}[{i}]");
            return;
        }
        var type = expected.GetType();
        Assert.True(type == actual.GetType(), $"{Where(path)}: expected a {type.Name}, got a {actual.GetType().Name}");
        if (type.IsValueType || expected is string)
            Assert.Fail($"{Where(path)}: expected {expected}, got {actual}");
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            Equal(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}");
    }

    private static string Where(string path) => path.Length == 0 ? "value" : path.TrimStart('.');
}
