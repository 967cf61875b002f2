using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Diagnostics;

namespace Governance.Analyzers;

/// <summary>
/// Fixes for GOV diagnostics on product definitions:
/// <list type="bullet">
/// <item>GOV4001/GOV4003/GOV4004: rename the product, dataset or column to the name the rule asks for (its case, with
/// its prefix or suffix) — the name argument of the attribute is replaced, or added when the name was inferred.</item>
/// <item>GOV3001: add the missing required tag; GOV3002: replace a tag value the taxonomy does not allow. When the
/// subject's name contains an allowed value (a column named <c>CUSTOMER_EMAIL</c> and <c>PII = email</c>), that value
/// is the recommended fix, offered first; every allowed value is offered in a submenu.</item>
/// </list>
/// Fix All (document, project, solution) gives every finding in scope the fix with the chosen equivalence key when it
/// offers that fix, and otherwise its recommended fix, if it has one. So choosing a value in the submenu applies that
/// value wherever it is offered, and <c>dotnet format analyzers</c> — which fixes one ID at a time with the key of the
/// first fix of whichever finding it met first — applies every recommended fix in one run. A tag value that the name
/// does not suggest is a classification for a person to choose: it is never applied unless chosen.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GovernanceCodeFixProvider)), Shared]
public sealed class GovernanceCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        GovIds.NameCase, GovIds.NamePrefix, GovIds.NameSuffix, GovIds.RequiredTagMissing, GovIds.TagValueNotAllowed);

    public override FixAllProvider GetFixAllProvider() => FixAll;

    private static readonly FixAllProvider FixAll = FixAllProvider.Create(FixAllAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var fixes = FixesFor(root, diagnostic);
            foreach (var fix in fixes.Where(f => f.Recommended))
                context.RegisterCodeFix(Action(context.Document, root, fix), diagnostic);
            var choices = fixes.Where(f => !f.Recommended).ToList();
            if (choices.Count == 0) continue;
            // The choices sit in a submenu: a tool that takes the first action (dotnet format) never picks one of them.
            context.RegisterCodeFix(CodeAction.Create(choices[0].Group!,
                choices.Select(f => Action(context.Document, root, f)).ToImmutableArray(), isInlinable: false), diagnostic);
        }
    }

    private static CodeAction Action(Document document, SyntaxNode root, Fix fix)
        => CodeAction.Create(fix.Title, _ => Task.FromResult(document.WithSyntaxRoot(Apply(root, new[] { fix }))), fix.Key);

    private static async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return null;
        var chosen = new List<Fix>();
        var taken = new HashSet<(SyntaxNode, string)>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            var fixes = FixesFor(root, diagnostic);
            var fix = fixes.FirstOrDefault(f => f.Key == context.CodeActionEquivalenceKey) ?? fixes.FirstOrDefault(f => f.Recommended);
            // One edit per node and slot: a second rename of the same attribute waits for the next run.
            if (fix is not null && taken.Add((fix.Target, fix.Slot))) chosen.Add(fix);
        }
        return chosen.Count == 0 ? document : document.WithSyntaxRoot(Apply(root, chosen));
    }

    /// <summary>The root with every fix applied; fixes of one node apply in order, on what the earlier ones made.</summary>
    private static SyntaxNode Apply(SyntaxNode root, IReadOnlyList<Fix> fixes)
    {
        var byNode = fixes.GroupBy(f => f.Target).ToDictionary(g => g.Key, g => g.ToList());
        return root.ReplaceNodes(byNode.Keys, (original, rewritten) => byNode[original].Aggregate(rewritten, (node, f) => f.Apply(node)));
    }

    /// <summary>The fixes for one diagnostic, the recommended ones first.</summary>
    private static List<Fix> FixesFor(SyntaxNode root, Diagnostic diagnostic)
    {
        var fixes = new List<Fix>();
        if (!diagnostic.Location.IsInSource || diagnostic.Location.SourceTree != root.SyntaxTree) return fixes;
        var attribute = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();
        if (attribute is null) return fixes;
        var p = diagnostic.Properties;
        p.TryGetValue(FixData.Subject, out var subject);
        switch (diagnostic.Id)
        {
            case GovIds.NameCase or GovIds.NamePrefix or GovIds.NameSuffix when p.TryGetValue(FixData.Name, out var name) && name is not null:
                fixes.Add(new Fix(diagnostic.Id + ":rename", "Rename to `" + name + "`", null, recommended: true, attribute, "name",
                    node => Rename((AttributeSyntax)node, name)));
                break;
            case GovIds.RequiredTagMissing when p.TryGetValue(FixData.Tag, out var tag) && tag is not null:
            {
                if (attribute.Parent is not AttributeListSyntax { Parent: MemberDeclarationSyntax member }) break;
                var qualifier = attribute.Name is QualifiedNameSyntax q ? q.Left.ToString() + "." : "";
                var group = "Add [Tag(\"" + tag + "\", …)]";
                foreach (var (value, named) in Ranked(Values(p), subject ?? ""))
                {
                    fixes.Add(new Fix(diagnostic.Id + ":" + (named ? NamedKey : tag + "=" + value), "Add [Tag(\"" + tag + "\", \"" + value + "\")]",
                        group, named, member, "tag:" + tag, node => AddTag((MemberDeclarationSyntax)node, qualifier, tag, value)));
                }
                break;
            }
            case GovIds.TagValueNotAllowed when attribute.ArgumentList is { Arguments.Count: >= 2 }:
            {
                p.TryGetValue(FixData.Tag, out var tag);
                var group = "Change the value of `" + tag + "`";
                foreach (var (value, named) in Ranked(Values(p), subject ?? ""))
                {
                    fixes.Add(new Fix(diagnostic.Id + ":" + (named ? NamedKey : tag + "=" + value), "Change the value to \"" + value + "\"",
                        group, named, attribute, "value", node => SetValue((AttributeSyntax)node, value)));
                }
                break;
            }
        }
        return fixes;
    }

    /// <summary>The key of "the allowed value the subject's name contains", the same for every finding of an ID.</summary>
    private const string NamedKey = "value-from-name";

    private static IReadOnlyList<string> Values(ImmutableDictionary<string, string?> p)
        => p.TryGetValue(FixData.Values, out var joined) && !string.IsNullOrEmpty(joined) ? joined!.Split(FixData.Separator) : Array.Empty<string>();

    /// <summary>
    /// The allowed values in the order they are offered: the longest value the subject's name contains, marked as the
    /// one the name suggests, then the others in the taxonomy's order.
    /// </summary>
    internal static IEnumerable<(string Value, bool Named)> Ranked(IReadOnlyList<string> values, string subject)
    {
        var upper = subject.ToUpperInvariant();
        var named = values.Where(v => v.Length > 0 && upper.Contains(v.ToUpperInvariant())).OrderByDescending(v => v.Length).FirstOrDefault();
        if (named is not null) yield return (named, true);
        foreach (var v in values) if (v != named) yield return (v, false);
    }

    private static LiteralExpressionSyntax Literal(string value)
        => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));

    /// <summary>The attribute with its name argument set: <c>[DataProduct]</c>'s second, <c>[Dataset]</c>'s and
    /// <c>[Column]</c>'s first.</summary>
    private static AttributeSyntax Rename(AttributeSyntax attribute, string name)
    {
        var index = SimpleName(attribute).StartsWith("DataProduct", StringComparison.Ordinal) ? 1 : 0;
        var args = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        var positional = args.Arguments.TakeWhile(a => a.NameEquals is null && a.NameColon is null).ToList();
        var literal = SyntaxFactory.AttributeArgument(Literal(name));
        if (index < positional.Count) return attribute.WithArgumentList(args.ReplaceNode(positional[index], positional[index].WithExpression(literal.Expression)));
        return attribute.WithArgumentList(args.WithArguments(args.Arguments.Insert(positional.Count, literal)));
    }

    /// <summary>The <c>[Tag(name, value)]</c> attribute with its value replaced.</summary>
    private static AttributeSyntax SetValue(AttributeSyntax attribute, string value)
    {
        var argument = attribute.ArgumentList!.Arguments[1];
        return attribute.ReplaceNode(argument, argument.WithExpression(Literal(value).WithTriviaFrom(argument.Expression)));
    }

    private static string SimpleName(AttributeSyntax attribute) => attribute.Name switch
    {
        QualifiedNameSyntax q => q.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
        SimpleNameSyntax s => s.Identifier.ValueText,
        _ => attribute.Name.ToString(),
    };

    /// <summary>The member with <c>[Tag(tag, value)]</c> added after its attributes, qualified as the attribute at fault is.</summary>
    private static MemberDeclarationSyntax AddTag(MemberDeclarationSyntax member, string qualifier, string tag, string value)
    {
        var attribute = SyntaxFactory.Attribute(SyntaxFactory.ParseName(qualifier + "Tag"), SyntaxFactory.AttributeArgumentList(
            SyntaxFactory.SeparatedList(new[] { SyntaxFactory.AttributeArgument(Literal(tag)), SyntaxFactory.AttributeArgument(Literal(value)) })));
        var lists = member.AttributeLists;
        var last = lists[lists.Count - 1];
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
            .WithLeadingTrivia(last.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
            .WithTrailingTrivia(last.GetTrailingTrivia());
        return member.WithAttributeLists(lists.Insert(lists.Count, list));
    }

    /// <summary>
    /// One fix: its equivalence key and title, the submenu it sits in (null: top level), whether it is the finding's
    /// recommended fix, the node it rewrites and the slot of that node it fills (one edit per node and slot in a Fix All).
    /// </summary>
    private sealed class Fix(string key, string title, string? group, bool recommended, SyntaxNode target, string slot, Func<SyntaxNode, SyntaxNode> apply)
    {
        public string Key { get; } = key;
        public string Title { get; } = title;
        public string? Group { get; } = group;
        public bool Recommended { get; } = recommended;
        public SyntaxNode Target { get; } = target;
        public string Slot { get; } = slot;
        public Func<SyntaxNode, SyntaxNode> Apply { get; } = apply;
    }
}
