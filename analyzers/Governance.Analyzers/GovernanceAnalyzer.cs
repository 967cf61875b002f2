using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Packs;
using Governance.Diagnostics;

namespace Governance.Analyzers;

/// <summary>
/// Applies the rule packs given as <c>AdditionalFiles</c> to the product definitions of a compilation
/// (<c>[DataProduct]</c>, <c>[Dataset]</c>, <c>[Column]</c>, <c>[Tag]</c>) with the shared model's <see cref="Checks"/> —
/// exactly what the CLI's evaluator reports for the same definitions — and reports each violation on the attribute at
/// fault, with the rule's severity. A broken manifest is one GOV9xxx diagnostic in that file, and nothing else runs.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GovernanceAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = DefinitionSymbols.Find(start.Compilation);
            if (symbols is null) return;
            var packs = RulePacks.Load(start.Options.AdditionalFiles, start.Options.AnalyzerConfigOptionsProvider, start.CancellationToken);
            if (!packs.HasManifests) return;
            start.RegisterAdditionalFileAction(packs.Report);
            if (packs.Set is null) return;
            var session = new Session(start.Compilation, symbols, packs.Set);
            start.RegisterSymbolAction(session.Analyze, SymbolKind.NamedType);
        });
    }

    /// <summary>
    /// Per-compilation state, set up once: the packs, which dataset classes name their product, and the product
    /// definitions of the whole compilation validated together (what two products break together: one product defined
    /// twice, one database and schema for two products), as <c>check --assembly</c> validates them.
    /// </summary>
    private sealed class Session
    {
        private readonly DefinitionSymbols _symbols;
        private readonly PackSet _packs;
        private readonly Lazy<(Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> DatasetsByProduct, List<INamedTypeSymbol> Products)> _index;
        private readonly Lazy<Dictionary<string, string>> _owners;
        private readonly Lazy<DefinedMesh> _all;
        /// <summary>The memo of each rule set's name tests, kept for the compilation (names repeat across products).</summary>
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Governance.Packs.RuleSet, NameMatches> _names = new System.Collections.Concurrent.ConcurrentDictionary<Governance.Packs.RuleSet, NameMatches>();

        public Session(Compilation compilation, DefinitionSymbols symbols, PackSet packs)
        {
            _symbols = symbols;
            _packs = packs;
            _index = new Lazy<(Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>, List<INamedTypeSymbol>)>(() => IndexDefinitions(compilation));
            _owners = new Lazy<Dictionary<string, string>>(() => symbols.DomainOwners(compilation.Assembly));
            _all = new Lazy<DefinedMesh>(ReadAll);
        }

        /// <summary>The dataset classes of each product class, and the product classes ordered by full name as the runtime
        /// reader orders types.</summary>
        private (Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>, List<INamedTypeSymbol>) IndexDefinitions(Compilation compilation)
        {
            var products = new List<INamedTypeSymbol>();
            var index = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            var stack = new Stack<INamespaceOrTypeSymbol>();
            stack.Push(compilation.Assembly.GlobalNamespace);
            while (stack.Count > 0)
            {
                foreach (var member in stack.Pop().GetMembers())
                {
                    if (member is INamespaceOrTypeSymbol container) stack.Push(container);
                    if (member is not INamedTypeSymbol type) continue;
                    if (_symbols.Get(type, _symbols.Product) is not null) products.Add(type);
                    if (_symbols.Get(type, _symbols.Dataset) is not { } dataset) continue;
                    if (_symbols.OwnerOf(type, dataset) is not { } owner) continue;
                    if (!index.TryGetValue(owner, out var list)) index[owner] = list = new List<INamedTypeSymbol>();
                    list.Add(type);
                }
            }
            foreach (var list in index.Values) list.Sort((a, b) => string.CompareOrdinal(a.ToDisplayString(), b.ToDisplayString()));
            products.Sort((a, b) => string.CompareOrdinal(DefinitionSymbols.ClrName(a), DefinitionSymbols.ClrName(b)));
            return (index, products);
        }

        private ProductDefinition Read(INamedTypeSymbol type, AttributeData product, CancellationToken cancellation)
        {
            _index.Value.DatasetsByProduct.TryGetValue(type, out var datasetClasses);
            return _symbols.Read(type, product, datasetClasses ?? new List<INamedTypeSymbol>(), cancellation);
        }

        private DefinedMesh ReadAll()
        {
            var definitions = new List<ProductDefinition>();
            foreach (var type in _index.Value.Products) definitions.Add(Read(type, _symbols.Get(type, _symbols.Product)!, CancellationToken.None));
            return ProductDefinitions.Build(definitions, _owners.Value);
        }

        public void Analyze(SymbolAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (_symbols.Get(type, _symbols.Dataset) is { } dataset)
            {
                var owner = _symbols.OwnerOf(type, dataset);
                if (owner is null || _symbols.Get(owner, _symbols.Product) is null)
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.Get(GovIds.InvalidProductDefinition), LocationOf(dataset, context), "`" + type.Name + "`: " + ProductDefinitions.OrphanDataset));
            }
            if (_symbols.Get(type, _symbols.Product) is not { } product) return;

            var mesh = ProductDefinitions.Build(new[] { Read(type, product, context.CancellationToken) }, _owners.Value);
            foreach (var problem in mesh.Problems)
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.Get(GovIds.InvalidProductDefinition), LocationOf(problem.Source, context), problem.Message));
            // What this product breaks together with another (reported on the later one, as check --assembly does).
            var conflicts = false;
            foreach (var problem in _all.Value.Problems)
            {
                if (!ReferenceEquals(problem.Source, product) || mesh.Problems.Any(p => ReferenceEquals(p.Source, product) && p.Message == problem.Message)) continue;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.Get(GovIds.InvalidProductDefinition), LocationOf(product, context), problem.Message));
                conflicts = true;
            }
            if (conflicts || mesh.Snapshot.Domains.Count == 0) return;

            var domain = mesh.Snapshot.Domains[0];
            var violations = new List<Finding>();
            var set = _packs.For(domain.Name);
            Checks.Product(set, domain, domain.Products[0], violations, _names.GetOrAdd(set, s => new NameMatches(s)));
            violations.Sort(Finding.Compare);
            foreach (var v in violations)
            {
                var source = (v.Id is GovIds.TagValueNotAllowed or GovIds.UnknownTag && v.Tag is not null ? mesh.TagSourceOf(v.Target, v.Tag) : null)
                    ?? mesh.SourceOf(v.Target);
                var properties = ImmutableDictionary.CreateBuilder<string, string?>();
                properties[FixData.Target] = v.Target;
                properties[FixData.Subject] = v.Target.Substring(v.Target.LastIndexOf('.') + 1);
                if (v.Tag is not null) properties[FixData.Tag] = v.Tag;
                if (v.AllowedValues.Count > 0) properties[FixData.Values] = string.Join(FixData.Separator.ToString(), v.AllowedValues);
                if (v.SuggestedName is not null) properties[FixData.Name] = v.SuggestedName;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.Get(v.Id), source is null ? Location.None : LocationOf(source, context),
                    Descriptors.Of(v.Severity), null, properties.ToImmutable(), v.Rule, v.Message));
            }
        }

        private static Location LocationOf(object source, SymbolAnalysisContext context) => source switch
        {
            AttributeData a when a.ApplicationSyntaxReference is { } r => r.GetSyntax(context.CancellationToken).GetLocation(),
            ISymbol s when s.Locations.Length > 0 => s.Locations[0],
            _ => Location.None,
        };
    }
}
