using System.Text.RegularExpressions;

namespace Orleans.Tuning.Deploy.Tests.Docker;

/// <summary>A Dockerfile read as its stages and instructions (continuation lines joined, comments dropped).</summary>
public sealed record Dockerfile(IReadOnlyList<Dockerfile.Stage> Stages)
{
    public sealed record Instruction(string Keyword, string Arguments);

    public sealed record Stage(string Image, string? Name, IReadOnlyList<Instruction> Instructions)
    {
        public IEnumerable<string> All(string keyword) =>
            Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);
    }

    public Stage Final => Stages[^1];

    public static Dockerfile Load(string path)
    {
        var logical = Regex.Replace(File.ReadAllText(path), @"\\\r?\n", " ");
        var stages = new List<Stage>();
        List<Instruction>? current = null;
        foreach (var raw in logical.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var space = line.IndexOf(' ');
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : Regex.Replace(line[(space + 1)..].Trim(), @"\s+", " ");
            if (keyword == "FROM")
            {
                var parts = arguments.Split(' ');
                current = [];
                stages.Add(new Stage(parts[0], parts.Length == 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : null, current));
                continue;
            }
            (current ?? throw new FormatException($"{path}: {keyword} before any FROM")).Add(new Instruction(keyword, arguments));
        }
        return new Dockerfile(stages);
    }
}
