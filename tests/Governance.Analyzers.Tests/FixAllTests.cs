using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Governance.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Analyzers.Tests;

/// <summary>
/// Fix All (document, project, solution): through the code-fix testing package's Fix All checks, which fix with the
/// chosen equivalence key in each scope and compare with <c>BatchFixedCode</c>; and the way <c>dotnet format
/// analyzers</c> drives it — one ID at a time, with the key of the first fix of whichever finding it met first.
/// </summary>
public sealed class FixAllTests
{
    private static readonly RulePack Board = Packs.Global(p => p
        .RequireTag("tags.pii", "Contact columns are classified", r => r.OnColumns(Select.NameContains("EMAIL", "PHONE")).Tag("PII"))
        .RequireTag("tags.sensitivity", "Every column has a sensitivity", r => r.OnColumns().Tag("SENSITIVITY"))
        .EnforceTaxonomy("tags.taxonomy", "Tags use the taxonomy")
        .Naming("names.case", "Column names are UPPER_SNAKE_CASE", r => r.Columns().UpperSnakeCase())
        .Naming("names.boolean", "Booleans start with IS_ or HAS_", r => r.Columns(Select.Type(DataTypeFamily.Boolean)).StartsWith("IS_", "HAS_")));

    private static string Product(string product, string columns) => $$"""
        [DataProduct("sales", "{{product}}", Owner = "o@acme.example")]
        public static class {{product}}
        {
            [Dataset("ITEMS")]
            public sealed class Items
            {
        {{columns}}
            }
        }

        """;

    [Test]
    public async Task FixAll_RenamesEveryColumn_InEveryDocument()
    {
        var pack = Packs.Global(p => p.Naming("names.case", "Column names are UPPER_SNAKE_CASE", r => r.Columns().UpperSnakeCase()));
        string First(bool fixedNames) => Packs.Usings + Product("orders", fixedNames ? """
                    [Column("ORDER_ID")]
                    public long OrderId { get; init; }
                    [Column("CUSTOMER_NAME")]
                    public string? CustomerName { get; init; }
            """ : """
                    [{|#0:Column("orderId")|}]
                    public long OrderId { get; init; }
                    [{|#1:Column("customerName")|}]
                    public string? CustomerName { get; init; }
            """);
        string Second(bool fixedNames) => Packs.Usings + Product("invoices", fixedNames ? """
                    [Column("INVOICE_TOTAL")]
                    public decimal InvoiceTotal { get; init; }
            """ : """
                    [{|#2:Column("invoiceTotal")|}]
                    public decimal InvoiceTotal { get; init; }
            """);
        var test = new AnalyzerTest(First(false), pack)
            .Expect(Enumerable.Range(0, 3).Select(i => AnalyzerTest.Diagnostic("GOV4001", DiagnosticSeverity.Warning).WithLocation(i)).ToArray())
            .Fixed(First(true), equivalenceKey: "GOV4001:rename");
        test.TestState.Sources.Add(("/0/Test1.cs", Second(false)));
        test.FixedState.Sources.Add(("/0/Test1.cs", Second(true)));
        // One Fix All operation per scope: in the document, in the project (both files), in the solution.
        test.NumberOfFixAllInDocumentIterations = 2;
        test.NumberOfFixAllInProjectIterations = 1;
        test.NumberOfFixAllIterations = 1;
        await test.RunAsync();
    }

    [Test]
    public async Task FixAll_WithAChosenValue_AppliesItWhereverItIsOffered()
    {
        var pack = Packs.Global(p => p.RequireTag("tags.sensitivity", "Every column has a sensitivity", r => r.OnColumns().Tag("SENSITIVITY")));
        var source = Packs.Usings + Product("orders", """
                    [{|#0:Column("AMOUNT", "NUMBER(12,2)")|}]
                    public decimal Amount { get; init; }
                    [{|#1:Column("QUANTITY")|}]
                    public int Quantity { get; init; }
            """);
        await new AnalyzerTest(source, pack)
            .Expect(AnalyzerTest.Diagnostic("GOV3001", DiagnosticSeverity.Error).WithLocation(0), AnalyzerTest.Diagnostic("GOV3001", DiagnosticSeverity.Error).WithLocation(1))
            .Fixed(Packs.Usings + Product("orders", """
                    [Column("AMOUNT", "NUMBER(12,2)")]
                    [Tag("SENSITIVITY", "internal")]
                    public decimal Amount { get; init; }
                    [Column("QUANTITY")]
                    [Tag("SENSITIVITY", "internal")]
                    public int Quantity { get; init; }
            """), equivalenceKey: "GOV3001:SENSITIVITY=internal")
            .RunAsync();
    }

    [Test]
    public async Task FixAll_AppliesEachFindingsOwnRecommendedFix_AndNeverGuessesAClassification()
    {
        // The recommended fix is the value the name contains: e-mail for the e-mail column, phone for the phone column.
        // SENSITIVITY is required too, and no name says which: that stays for a person to decide.
        var source = Packs.Usings + Product("orders", """
                    [{|#0:Column("CUSTOMER_EMAIL")|}]
                    public string? CustomerEmail { get; init; }
                    [{|#1:Column("CONTACT_PHONE")|}, {|#2:Tag("PII", "mobile")|}]
                    public string? ContactPhone { get; init; }
            """);
        var test = new AnalyzerTest(source, Board)
            .Expect(
                AnalyzerTest.Diagnostic("GOV3001", DiagnosticSeverity.Error).WithLocation(0).WithArguments("board/tags.pii", "column `CUSTOMER_EMAIL` has no tag `PII`"),
                AnalyzerTest.Diagnostic("GOV3001", DiagnosticSeverity.Error).WithLocation(0).WithArguments("board/tags.sensitivity", "column `CUSTOMER_EMAIL` has no tag `SENSITIVITY`"),
                AnalyzerTest.Diagnostic("GOV3001", DiagnosticSeverity.Error).WithLocation(1).WithArguments("board/tags.sensitivity", "column `CONTACT_PHONE` has no tag `SENSITIVITY`"),
                AnalyzerTest.Diagnostic("GOV3002", DiagnosticSeverity.Error).WithLocation(2))
            .Fixed(Packs.Usings + Product("orders", """
                    [{|#0:Column("CUSTOMER_EMAIL")|}]
                    [Tag("PII", "email")]
                    public string? CustomerEmail { get; init; }
                    [{|#1:Column("CONTACT_PHONE")|}, {|#2:Tag("PII", "mobile")|}]
                    public string? ContactPhone { get; init; }
            """), equivalenceKey: "GOV3001:value-from-name");
        var unclassified = new[]
        {
            AnalyzerTest.Diagnostic("GOV3001", DiagnosticSeverity.Error).WithLocation(0).WithArguments("board/tags.sensitivity", "column `CUSTOMER_EMAIL` has no tag `SENSITIVITY`"),
            AnalyzerTest.Diagnostic("GOV3001", DiagnosticSeverity.Error).WithLocation(1).WithArguments("board/tags.sensitivity", "column `CONTACT_PHONE` has no tag `SENSITIVITY`"),
        };
        test.FixedState.ExpectedDiagnostics.AddRange(unclassified);
        // Fixed one at a time with that key, only the e-mail column changes (the phone's fix has another ID); Fix All
        // fixes every ID in scope, each finding with its recommended fix.
        test.FixedState.ExpectedDiagnostics.Add(AnalyzerTest.Diagnostic("GOV3002", DiagnosticSeverity.Error).WithLocation(2));
        test.BatchFixedCode = Packs.Usings + Product("orders", """
                    [{|#0:Column("CUSTOMER_EMAIL")|}]
                    [Tag("PII", "email")]
                    public string? CustomerEmail { get; init; }
                    [{|#1:Column("CONTACT_PHONE")|}, Tag("PII", "phone")]
                    public string? ContactPhone { get; init; }
            """);
        test.BatchFixedState.ExpectedDiagnostics.AddRange(unclassified);
        foreach (var f in test.TestState.AdditionalFiles) test.BatchFixedState.AdditionalFiles.Add(f);
        await test.RunAsync();
    }

    [Test]
    public async Task TagFixes_TheRecommendedOneComesFirst_TheChoicesSitInASubmenu()
    {
        var source = Packs.Usings + Product("orders", """
                    [Column("CUSTOMER_EMAIL")]
                    [Tag("SENSITIVITY", "restricted")]
                    public string? CustomerEmail { get; init; }
                    [Column("AMOUNT", "NUMBER(12,2)")]
                    public decimal Amount { get; init; }
            """);
        var (document, diagnostics) = await Analyze(source, Board);
        var fixer = new GovernanceCodeFixProvider();
        async Task<List<CodeAction>> ActionsFor(string target, string tag)
        {
            var diagnostic = diagnostics.Single(d => d.Id == "GOV3001" && d.Properties["GovTarget"]!.EndsWith(target, StringComparison.Ordinal) && d.Properties["GovTag"] == tag);
            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
            return actions;
        }
        var email = await ActionsFor("CUSTOMER_EMAIL", "PII");
        Assert.That(email.Select(a => a.Title), Is.EqualTo(new[] { "Add [Tag(\"PII\", \"email\")]", "Add [Tag(\"PII\", …)]" }));
        Assert.That(email[0].EquivalenceKey, Is.EqualTo("GOV3001:value-from-name"));
        Assert.That(email[1].EquivalenceKey, Is.Not.AnyOf("GOV3001:PII=phone", "GOV3001:PII=ssn"), "dotnet format takes the first action's key: never a choice's");
        Assert.That(email[1].NestedActions.Select(a => a.EquivalenceKey), Is.EqualTo(new[] { "GOV3001:PII=phone", "GOV3001:PII=ssn" }));
        var amount = await ActionsFor("AMOUNT", "SENSITIVITY");
        Assert.That(amount, Has.Count.EqualTo(1), "no value is recommended when the name names none");
        Assert.That(amount[0].NestedActions.Select(a => a.Title), Is.EqualTo(new[]
        {
            "Add [Tag(\"SENSITIVITY\", \"public\")]", "Add [Tag(\"SENSITIVITY\", \"internal\")]", "Add [Tag(\"SENSITIVITY\", \"restricted\")]",
        }));
    }

    private static string Sample(params string[] parts) => TestFiles.Source(new[] { "tests", "PackageConsumer" }.Concat(parts).ToArray());

    private static readonly string[] Fixable = { "GOV3001", "GOV3002", "GOV4001", "GOV4003", "GOV4004" };

    /// <summary>An order of the fixable IDs (dotnet format's is a hash set's) and which finding it meets first, twice.</summary>
    private static readonly Arbitrary<((string[], string[]), (int, int))> Orders = Arb.From(Gen.Shuffle(Fixable).Two().Zip(Gen.Choose(0, 16).Two()));

    /// <summary>
    /// The consumer sample through <c>dotnet format analyzers --diagnostics GOV3001 GOV3002 GOV4001 GOV4003 GOV4004</c>
    /// as the SDK performs it (see <see cref="FormatRun"/>). One run fixes every finding reported when it starts; the
    /// rename to <c>CUSTOMER_EMAIL</c> makes the column a PII column, which the second run classifies. The result is
    /// the fixed twin, whatever the order.
    /// </summary>
    [Property(MaxTest = 30)]
    public Property DotnetFormat_FixesEveryFindingInOneRun_InAnyOrder() => Prop.ForAll(Orders, input =>
    {
        var ((firstOrder, secondOrder), (firstPick, secondPick)) = input;
        var manifest = new AnalyzerRun.Text("acme-global.rulepack.json", File.ReadAllText(Sample("acme-global.rulepack.json")));
        var bad = AnalyzerRun.Document(File.ReadAllText(Sample("Bad", "Products.cs")), globalUsings: "global using System;\n");
        var afterFirst = FormatRun(bad, manifest, firstOrder, firstPick).GetAwaiter().GetResult();
        var left = AnalyzerRun.Diagnostics(afterFirst, manifest).GetAwaiter().GetResult().Select(d => d.Id + " " + d.Properties["GovTarget"]).ToList();
        var afterSecond = FormatRun(afterFirst, manifest, secondOrder, secondPick).GetAwaiter().GetResult();
        var text = afterSecond.GetTextAsync().GetAwaiter().GetResult().ToString();
        return (left.SequenceEqual(new[] { "GOV3001 SALES.ORDERS.ORDERS.CUSTOMER_EMAIL" }) && text == File.ReadAllText(Sample("Fixed", "Products.cs")))
            .Label("left after the first run: " + string.Join(", ", left) + "\nafter the second:\n" + text);
    });

    /// <summary>
    /// A column whose name suggests no sensitivity keeps its finding through a dotnet format run — even when that run
    /// takes its key from that very finding — and every other finding gets its recommended fix.
    /// </summary>
    [Property(MaxTest = 30)]
    public Property DotnetFormat_NeverGuessesAClassification_AndFixesTheRest() => Prop.ForAll(Orders, input =>
    {
        var ((order, _), (pick, _)) = input;
        string Source(bool fixedNames) => Packs.Usings + Product("orders", $$"""
                    [Column("AMOUNT", "NUMBER(12,2)")]
                    public decimal Amount { get; init; }
                    [Column("{{(fixedNames ? "HAS_ACTIVE" : "ACTIVE")}}")]
                    [Tag("SENSITIVITY", "internal")]
                    public bool Active { get; init; }
                    [Column("CONTACT_PHONE")]
                    [Tag("SENSITIVITY", "restricted")]
                    [Tag("PII", "{{(fixedNames ? "phone" : "mobile")}}")]
                    public string? ContactPhone { get; init; }
                    [Column("{{(fixedNames ? "ORDER_TOTAL" : "orderTotal")}}", "NUMBER(12,2)")]
                    [Tag("SENSITIVITY", "internal")]
                    public decimal OrderTotal { get; init; }
            """);
        var manifest = new AnalyzerRun.Text("board.rulepack.json", ManifestCodec.Write(Board));
        var result = FormatRun(AnalyzerRun.Document(Source(false)), manifest, order, pick).GetAwaiter().GetResult();
        var left = AnalyzerRun.Diagnostics(result, manifest).GetAwaiter().GetResult().Select(d => d.Id + " " + d.Properties["GovTarget"]).ToList();
        var text = result.GetTextAsync().GetAwaiter().GetResult().ToString();
        return (text == Source(true) && left.SequenceEqual(new[] { "GOV3001 SALES.ORDERS.ITEMS.AMOUNT" }))
            .Label("left: " + string.Join(", ", left) + "\n" + text);
    });

    /// <summary>
    /// One run of <c>dotnet format analyzers --diagnostics</c> over the fixable IDs as the SDK performs it
    /// (SolutionCodeFixApplier): it analyzes once, then for each ID it found, in <paramref name="order"/>, analyzes
    /// again, takes the first action the fixer registers for the first of ALL the requested findings — whichever that is
    /// (<paramref name="pick"/>) — and runs a solution-wide Fix All for that one ID with that action's key.
    /// </summary>
    private static async Task<Document> FormatRun(Document document, AdditionalText manifest, IReadOnlyList<string> order, int pick)
    {
        var fixer = new GovernanceCodeFixProvider();
        var found = (await AnalyzerRun.Diagnostics(document, manifest)).Select(d => d.Id).ToHashSet();
        foreach (var id in order.Where(found.Contains))
        {
            var diagnostics = (await AnalyzerRun.Diagnostics(document, manifest)).Where(d => Fixable.Contains(d.Id)).ToList();
            if (diagnostics.Count == 0) continue;
            var first = diagnostics[pick % diagnostics.Count];
            CodeAction? action = null;
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, first, (a, _) => action ??= a, CancellationToken.None));
            var context = new FixAllContext(document, fixer, FixAllScope.Solution, action?.EquivalenceKey!, new[] { id },
                new Provider(diagnostics), CancellationToken.None);
            var fixAll = await fixer.GetFixAllProvider().GetFixAsync(context);
            Assert.That(fixAll, Is.Not.Null, "Fix All action for " + id);
            var operations = await fixAll!.GetOperationsAsync(CancellationToken.None);
            document = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        }
        return document;
    }

    private static async Task<(Document, ImmutableArray<Diagnostic>)> Analyze(string source, RulePack pack)
    {
        var document = AnalyzerRun.Document(source);
        return (document, await AnalyzerRun.Diagnostics(document, new AnalyzerRun.Text("board.rulepack.json", ManifestCodec.Write(pack))));
    }

    /// <summary>The findings of the analysis that started the Fix All, as dotnet format hands them over.</summary>
    private sealed class Provider(IReadOnlyList<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => GetProjectDiagnosticsAsync(project, cancellationToken);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
