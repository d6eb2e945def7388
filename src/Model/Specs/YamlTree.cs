using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orleans.Tuning.Model.Specs;

/// <summary>Reads YAML into a <see cref="SpecNode"/> tree from the parser's events.</summary>
/// <remarks>
/// Built from events rather than YamlDotNet's representation model because that model throws
/// on a duplicate key, and a duplicate is one error among many to report with its path.
/// </remarks>
internal static class YamlTree
{
    /// <summary>The first document's root, or null for an empty text; a syntax error becomes a <see cref="SpecError"/> with line and column.</summary>
    public static SpecNode? Read(string text, List<SpecError> errors)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
                return null;
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, new Dictionary<string, SpecNode>());
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
                errors.Add(new SpecError("", "a spec is one YAML document; found a second one after '---'"));
            return root;
        }
        catch (YamlException e)
        {
            errors.Add(new SpecError("", $"YAML syntax error at line {e.Start.Line}, column {e.Start.Column}: {Reason(e)}"));
            return null;
        }
    }

    private static SpecNode ReadNode(IParser parser, Dictionary<string, SpecNode> anchors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new YamlException(alias.Start, alias.End, $"unknown anchor '*{alias.Value}'");
        }

        var start = parser.Current ?? throw new YamlException("unexpected end of the document");
        SpecNode node;
        AnchorName anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor;
            node = new SpecScalar(IsNull(scalar) ? null : scalar.Value, (int)start.Start.Line, (int)start.Start.Column);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequence))
        {
            anchor = sequence.Anchor;
            var items = new List<SpecNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
                items.Add(ReadNode(parser, anchors));
            node = new SpecList(items, (int)start.Start.Line, (int)start.Start.Column);
        }
        else
        {
            var mapping = parser.Consume<MappingStart>();
            anchor = mapping.Anchor;
            var entries = new List<KeyValuePair<string, SpecNode>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyStart = parser.Current!;
                var key = ReadNode(parser, anchors) as SpecScalar
                    ?? throw new YamlException(keyStart.Start, keyStart.End, "a key must be a plain name, not a list or mapping");
                entries.Add(KeyValuePair.Create(key.Text ?? "", ReadNode(parser, anchors)));
            }
            node = new SpecMap(entries, (int)start.Start.Line, (int)start.Start.Column);
        }
        if (!anchor.IsEmpty)
            anchors[anchor.Value] = node;
        return node;
    }

    // Only an unquoted null spelling is null: a quoted "null" is the text null.
    private static bool IsNull(Scalar scalar) =>
        scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    // YamlDotNet prefixes its messages with the marks we already print.
    private static string Reason(YamlException e)
    {
        var message = e.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && close > 0 ? message[(close + 3)..] : message;
    }
}
