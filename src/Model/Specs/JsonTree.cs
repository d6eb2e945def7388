using System.Text.Json;

namespace Orleans.Tuning.Model.Specs;

/// <summary>Reads JSON into a <see cref="SpecNode"/> tree; a syntax error becomes a <see cref="SpecError"/> with line and column.</summary>
internal static class JsonTree
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip };

    public static SpecNode? Read(string text, List<SpecError> errors)
    {
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            return Convert(document.RootElement);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            errors.Add(new SpecError("", $"JSON syntax error at line {line}, column {column}: {Reason(e)}"));
            return null;
        }
    }

    // JSON elements carry no positions; paths name every validation error, so none are needed.
    private static SpecNode Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new SpecMap(
            element.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Convert(p.Value))).ToArray(), 0, 0),
        JsonValueKind.Array => new SpecList(element.EnumerateArray().Select(Convert).ToArray(), 0, 0),
        JsonValueKind.String => new SpecScalar(element.GetString(), 0, 0),
        JsonValueKind.Null => new SpecScalar(null, 0, 0),
        _ => new SpecScalar(element.GetRawText(), 0, 0),
    };

    // System.Text.Json appends "Path: $ | LineNumber: 2 | BytePositionInLine: 4." which we already print.
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var path = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (path > 0 ? message[..path] : message).TrimEnd('.', ' ');
    }
}
