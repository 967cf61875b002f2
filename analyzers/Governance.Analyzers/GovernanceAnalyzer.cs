using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
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
        // A product defined in generated code (a source generator's output, a tool's .g.cs files) is deployed like any
        // other: it is analysed and its violations are reported there too (fail closed). It also spares Roslyn the walk
        // of each syntax tree a diagnostic is reported in, looking for a generated-code marker.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
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
    /// definitions of the whole compilation read and built together once (what two products break together: one product
    /// defined twice, one database and schema for two products), as <c>check --assembly</c> validates them. A product
    /// without a problem is checked in that mesh; a product with one is read and built again on its own, to report what
    /// it breaks by itself apart from what it breaks together with another.
    /// </summary>
    private sealed class Session
    {
        private readonly DefinitionSymbols _symbols;
        private readonly PackSet _packs;
        private readonly Lazy<(Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>> DatasetsByProduct, List<INamedTypeSymbol> Products)> _index;
        private readonly Lazy<Dictionary<string, string>> _owners;
        private readonly Lazy<Mesh> _all;
        /// <summary>Each rule set's rules by level and tag, with the memo of its name tests, kept for the compilation (names
        /// repeat across products).</summary>
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Governance.Packs.RuleSet, RuleLevels> _levels = new System.Collections.Concurrent.ConcurrentDictionary<Governance.Packs.RuleSet, RuleLevels>();

        public Session(Compilation compilation, DefinitionSymbols symbols, PackSet packs)
        {
            _symbols = symbols;
            _packs = packs;
            _index = new Lazy<(Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>, List<INamedTypeSymbol>)>(() => IndexDefinitions(compilation));
            _owners = new Lazy<Dictionary<string, string>>(() => symbols.DomainOwners(compilation.Assembly));
            _all = new Lazy<Mesh>(ReadAll);
        }

        /// <summary>The dataset classes of each product class, and the product classes ordered by full name as the runtime
        /// reader orders types. The types' attributes (most of the cost: Roslyn binds them) are read in parallel, each
        /// type's into a slot of its own, so the workers that wait for this do not wait for one thread.</summary>
        private (Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>, List<INamedTypeSymbol>) IndexDefinitions(Compilation compilation)
        {
            var types = new List<INamedTypeSymbol>();
            var stack = new Stack<INamespaceOrTypeSymbol>();
            stack.Push(compilation.Assembly.GlobalNamespace);
            while (stack.Count > 0)
            {
                foreach (var member in stack.Pop().GetMembers())
                {
                    if (member is INamespaceOrTypeSymbol container) stack.Push(container);
                    if (member is INamedTypeSymbol type) types.Add(type);
                }
            }
            var isProduct = new bool[types.Count];
            var owners = new INamedTypeSymbol?[types.Count];
            Parallel.For(0, types.Count, i =>
            {
                var type = types[i];
                isProduct[i] = _symbols.Get(type, _symbols.Product) is not null;
                if (_symbols.Get(type, _symbols.Dataset) is { } dataset) owners[i] = _symbols.OwnerOf(type, dataset);
            });
            var products = new List<INamedTypeSymbol>();
            var index = new Dictionary<INamedTypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            for (var i = 0; i < types.Count; i++)
            {
                if (isProduct[i]) products.Add(types[i]);
                if (owners[i] is not { } owner) continue;
                if (!index.TryGetValue(owner, out var list)) index[owner] = list = new List<INamedTypeSymbol>();
                list.Add(types[i]);
            }
            foreach (var list in index.Values) SortBy(list, t => t.ToDisplayString());
            SortBy(products, DefinitionSymbols.ClrName);
            return (index, products);
        }

        /// <summary>Sorts <paramref name="types"/> by a key computed once per type (ordinal).</summary>
        private static void SortBy(List<INamedTypeSymbol> types, Func<INamedTypeSymbol, string> key)
        {
            if (types.Count < 2) return;
            var keys = new string[types.Count];
            var items = types.ToArray();
            for (var i = 0; i < items.Length; i++) keys[i] = key(items[i]);
            Array.Sort(keys, items, StringComparer.Ordinal);
            types.Clear();
            types.AddRange(items);
        }

        private ProductDefinition Read(INamedTypeSymbol type, AttributeData product, CancellationToken cancellation)
        {
            _index.Value.DatasetsByProduct.TryGetValue(type, out var datasetClasses);
            return _symbols.Read(type, product, datasetClasses ?? new List<INamedTypeSymbol>(), cancellation);
        }

        /// <summary>Every product of the compilation read (in parallel, each into its slot) and built together, once.</summary>
        private Mesh ReadAll()
        {
            var products = _index.Value.Products;
            var read = new ProductDefinition[products.Count];
            Parallel.For(0, products.Count, i => read[i] = Read(products[i], _symbols.Get(products[i], _symbols.Product)!, CancellationToken.None));
            var definitions = new List<ProductDefinition>(read);
            return new Mesh(definitions, ProductDefinitions.Build(definitions, _owners.Value));
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

            var all = _all.Value;
            if (all.Checked(product) is { } found)
            {
                Check(context, all.Defined, found.Domain, found.Product);
                return;
            }

            var mesh = ProductDefinitions.Build(new[] { Read(type, product, context.CancellationToken) }, _owners.Value);
            foreach (var problem in mesh.Problems)
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.Get(GovIds.InvalidProductDefinition), LocationOf(problem.Source, context), problem.Message));
            // What this product breaks together with another (reported on the later one, as check --assembly does).
            var conflicts = false;
            foreach (var problem in all.Defined.Problems)
            {
                if (!ReferenceEquals(problem.Source, product) || mesh.Problems.Any(p => ReferenceEquals(p.Source, product) && p.Message == problem.Message)) continue;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.Get(GovIds.InvalidProductDefinition), LocationOf(product, context), problem.Message));
                conflicts = true;
            }
            if (conflicts || mesh.Snapshot.Domains.Count == 0) return;
            var domain = mesh.Snapshot.Domains[0];
            Check(context, mesh, domain, domain.Products[0]);
        }

        /// <summary>Every rule of the domain's packs on the product, each finding reported where <paramref name="mesh"/>
        /// says its target or tag was defined.</summary>
        private void Check(SymbolAnalysisContext context, DefinedMesh mesh, Domain domain, DataProduct product)
        {
            var violations = new List<Finding>();
            var set = _packs.For(domain.Name);
            Checks.Product(set, domain, product, violations, _levels.GetOrAdd(set, s => new RuleLevels(s, new NameMatches(s))));
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

        /// <summary>
        /// The products of the compilation built together, and where each product without a problem is in it. A product
        /// with no problem in the whole mesh has none on its own either (the whole mesh reports all its own problems and
        /// what it breaks with others), and it is built there exactly as on its own: it is checked there.
        /// </summary>
        private sealed class Mesh
        {
            private readonly Dictionary<object, (Domain, DataProduct)> _checked = new Dictionary<object, (Domain, DataProduct)>();

            public Mesh(List<ProductDefinition> definitions, DefinedMesh defined)
            {
                Defined = defined;
                var troubled = Troubled(definitions, defined.Problems);
                if (troubled is null) return; // a problem the definitions do not place: every product on its own
                foreach (var domain in defined.Snapshot.Domains)
                {
                    foreach (var product in domain.Products)
                    {
                        if (defined.SourceOf(Targets.Of(product)) is { } source && !troubled.Contains(source)) _checked[source] = (domain, product);
                    }
                }
            }

            public DefinedMesh Defined { get; }

            /// <summary>Where the product of the <c>[DataProduct]</c> attribute is in the whole mesh, when it has no problem.</summary>
            public (Domain Domain, DataProduct Product)? Checked(AttributeData product) => _checked.TryGetValue(product, out var found) ? found : null;

            /// <summary>The <c>[DataProduct]</c> attributes of the products with a problem (in their own definition, a
            /// dataset, a column or a tag: a column inherited from a shared base class is every such product's), or null
            /// when a problem is at none of them.</summary>
            private static HashSet<object>? Troubled(List<ProductDefinition> definitions, IReadOnlyList<DefinitionProblem> problems)
            {
                var troubled = new HashSet<object>();
                if (problems.Count == 0) return troubled;
                var at = new HashSet<object>();
                foreach (var problem in problems) at.Add(problem.Source);
                var placed = new HashSet<object>();
                foreach (var p in definitions)
                {
                    Mark(p, p.Source, p.Tags);
                    foreach (var d in p.Datasets)
                    {
                        Mark(p, d.Source, d.Tags);
                        foreach (var c in d.Columns) Mark(p, c.Source, c.Tags);
                    }
                }
                return placed.Count == at.Count ? troubled : null;

                void Mark(ProductDefinition p, object source, IReadOnlyList<TagDefinitionUse> tags)
                {
                    if (at.Contains(source)) { troubled.Add(p.Source); placed.Add(source); }
                    foreach (var t in tags)
                    {
                        if (at.Contains(t.Source)) { troubled.Add(p.Source); placed.Add(t.Source); }
                    }
                }
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
