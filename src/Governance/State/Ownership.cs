namespace Governance.State;

/// <summary>
/// How the tool marks what it manages: every tag and policy it creates carries a comment that starts with
/// <c>governance:</c> (<see cref="Marker"/>). An object in the tool's policy or tag schema whose comment does not start
/// with it was made by someone else: the state keeps it, the drift report lists it (GOV9018), and the tool never changes
/// or drops it. See docs/deploy.md, section "Ownership".
/// </summary>
public static class Ownership
{
    /// <summary>The prefix of the comment of every object the tool manages.</summary>
    public const string Marker = "governance:";

    /// <summary>The comment the tool writes on an object it creates: the marker, a space, then <paramref name="text"/>.</summary>
    public static string Comment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? Marker : Marker + " " + text;
    }

    /// <summary>True when <paramref name="comment"/> carries the marker (it starts with <c>governance:</c>, case and all).</summary>
    public static bool IsMarked(string? comment) => comment is not null && comment.StartsWith(Marker, StringComparison.Ordinal);
}
