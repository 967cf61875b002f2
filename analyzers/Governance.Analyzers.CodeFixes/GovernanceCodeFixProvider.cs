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

namespace Governance.Analyzers;

/// <summary>
/// Fixes for GOV diagnostics on product definitions:
/// <list type="bullet">
/// <item>GOV4001/GOV4003/GOV4004: rename the product, dataset or column to the name the rule asks for (its case, with
/// its prefix or suffix) — the name argument of the attribute is replaced, or added when the name was inferred.</item>
/// <item>GOV3001: add the missing required tag, one fix per allowed value; the values that the subject's name contains
/// come first (a column named <c>CUSTOMER_EMAIL</c> is offered <c>PII = email</c> first).</item>
/// <item>GOV3002: replace a tag value the taxonomy does not allow, one fix per allowed value (ranked as for GOV3001).</item>
/// </list>
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GovernanceCodeFixProvider)), Shared]
public sealed class GovernanceCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        GovIds.NameCase, GovIds.NamePrefix, GovIds.NameSuffix, GovIds.RequiredTagMissing, GovIds.TagValueNotAllowed);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var attribute = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();
            if (attribute is null) continue;
            var p = diagnostic.Properties;
            switch (diagnostic.Id)
            {
                case GovIds.NameCase or GovIds.NamePrefix or GovIds.NameSuffix when p.TryGetValue(FixData.Name, out var name) && name is not null:
                    context.RegisterCodeFix(CodeAction.Create("Rename to `" + name + "`",
                        ct => Replace(context.Document, root, attribute, Rename(attribute, name), ct), diagnostic.Id + ":rename"), diagnostic);
                    break;
                case GovIds.RequiredTagMissing when p.TryGetValue(FixData.Tag, out var tag) && tag is not null:
                {
                    if (attribute.Parent is not AttributeListSyntax { Parent: MemberDeclarationSyntax member }) break;
                    p.TryGetValue(FixData.Subject, out var subject);
                    foreach (var value in Ranked(Values(p), subject ?? ""))
                    {
                        context.RegisterCodeFix(CodeAction.Create("Add [Tag(\"" + tag + "\", \"" + value + "\")]",
                            ct => Replace(context.Document, root, member, AddTag(member, attribute, tag, value), ct),
                            diagnostic.Id + ":" + tag + "=" + value), diagnostic);
                    }
                    break;
                }
                case GovIds.TagValueNotAllowed:
                {
                    if (attribute.ArgumentList is not { Arguments.Count: >= 2 } args) break;
                    p.TryGetValue(FixData.Subject, out var subject);
                    foreach (var value in Ranked(Values(p), subject ?? ""))
                    {
                        var replaced = attribute.ReplaceNode(args.Arguments[1], args.Arguments[1].WithExpression(Literal(value)));
                        context.RegisterCodeFix(CodeAction.Create("Change the value to \"" + value + "\"",
                            ct => Replace(context.Document, root, attribute, replaced, ct), diagnostic.Id + ":" + value), diagnostic);
                    }
                    break;
                }
            }
        }
    }

    private static Task<Document> Replace(Document document, SyntaxNode root, SyntaxNode old, SyntaxNode replacement, CancellationToken _)
        => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(old, replacement)));

    private static IReadOnlyList<string> Values(ImmutableDictionary<string, string?> p)
        => p.TryGetValue(FixData.Values, out var joined) && !string.IsNullOrEmpty(joined) ? joined!.Split(FixData.Separator) : Array.Empty<string>();

    /// <summary>The values the name contains first (longest first), then the others in the taxonomy's order.</summary>
    internal static IEnumerable<string> Ranked(IReadOnlyList<string> values, string subject)
    {
        var upper = subject.ToUpperInvariant();
        var named = values.Where(v => v.Length > 0 && upper.Contains(v.ToUpperInvariant())).OrderByDescending(v => v.Length).ToList();
        return named.Concat(values.Where(v => !named.Contains(v)));
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

    private static string SimpleName(AttributeSyntax attribute) => attribute.Name switch
    {
        QualifiedNameSyntax q => q.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
        SimpleNameSyntax s => s.Identifier.ValueText,
        _ => attribute.Name.ToString(),
    };

    /// <summary>The member with <c>[Tag(tag, value)]</c> added after its attributes, qualified as the attribute at fault is.</summary>
    private static MemberDeclarationSyntax AddTag(MemberDeclarationSyntax member, AttributeSyntax near, string tag, string value)
    {
        var qualifier = near.Name is QualifiedNameSyntax q ? q.Left.ToString() + "." : "";
        var attribute = SyntaxFactory.Attribute(SyntaxFactory.ParseName(qualifier + "Tag"), SyntaxFactory.AttributeArgumentList(
            SyntaxFactory.SeparatedList(new[] { SyntaxFactory.AttributeArgument(Literal(tag)), SyntaxFactory.AttributeArgument(Literal(value)) })));
        var lists = member.AttributeLists;
        var last = lists[lists.Count - 1];
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
            .WithLeadingTrivia(last.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
            .WithTrailingTrivia(last.GetTrailingTrivia());
        return member.WithAttributeLists(lists.Insert(lists.Count, list));
    }
}
