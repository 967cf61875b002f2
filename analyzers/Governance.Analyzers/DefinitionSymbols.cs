using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Governance.Snapshots;

namespace Governance.Analyzers;

/// <summary>
/// Reads product definitions from symbols and attribute constants into the shared model's
/// <see cref="ProductDefinition"/> — the same data the runtime reader takes from a compiled assembly. Every source in a
/// definition is the <see cref="AttributeData"/> that declared it, so a diagnostic can point at it.
/// </summary>
internal sealed class DefinitionSymbols
{
    private DefinitionSymbols(INamedTypeSymbol product, INamedTypeSymbol dataset, INamedTypeSymbol column, INamedTypeSymbol tag, INamedTypeSymbol? domain)
    {
        Product = product; Dataset = dataset; Column = column; Tag = tag; Domain = domain;
    }

    public INamedTypeSymbol Product { get; }
    public INamedTypeSymbol Dataset { get; }
    public INamedTypeSymbol Column { get; }
    public INamedTypeSymbol Tag { get; }
    public INamedTypeSymbol? Domain { get; }

    /// <summary>The attribute types, or null when the compilation does not reference Governance.</summary>
    public static DefinitionSymbols? Find(Compilation compilation)
    {
        var product = compilation.GetTypeByMetadataName("Governance.DataProductAttribute");
        var dataset = compilation.GetTypeByMetadataName("Governance.DatasetAttribute");
        var column = compilation.GetTypeByMetadataName("Governance.ColumnAttribute");
        var tag = compilation.GetTypeByMetadataName("Governance.TagAttribute");
        if (product is null || dataset is null || column is null || tag is null) return null;
        return new DefinitionSymbols(product, dataset, column, tag, compilation.GetTypeByMetadataName("Governance.DataDomainAttribute"));
    }

    public AttributeData? Get(ISymbol symbol, INamedTypeSymbol attribute)
    {
        foreach (var a in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)) return a;
        }
        return null;
    }

    /// <summary>The product class a <c>[Dataset]</c> class belongs to: <c>Product = typeof(…)</c>, else the nearest
    /// enclosing <c>[DataProduct]</c> class; null when neither.</summary>
    public INamedTypeSymbol? OwnerOf(INamedTypeSymbol datasetClass, AttributeData dataset)
    {
        if (Named(dataset, "Product") is { } explicitOwner) return explicitOwner.Value as INamedTypeSymbol;
        for (var t = datasetClass.ContainingType; t is not null; t = t.ContainingType)
        {
            if (Get(t, Product) is not null) return t;
        }
        return null;
    }

    /// <summary>The definition of one product class with the dataset classes that belong to it.</summary>
    public ProductDefinition Read(INamedTypeSymbol productClass, AttributeData product, IEnumerable<INamedTypeSymbol> datasetClasses, CancellationToken cancellation)
    {
        var datasets = new List<DatasetDefinition>();
        foreach (var d in datasetClasses)
        {
            cancellation.ThrowIfCancellationRequested();
            var a = Get(d, Dataset)!;
            var levels = new List<IReadOnlyList<KeyValuePair<string, ColumnDefinition?>>>();
            for (var level = d; level is not null && level.SpecialType != SpecialType.System_Object; level = level.BaseType)
            {
                var properties = new List<KeyValuePair<string, ColumnDefinition?>>();
                foreach (var member in level.GetMembers())
                {
                    if (member is IPropertySymbol p) properties.Add(new KeyValuePair<string, ColumnDefinition?>(p.MetadataName, ColumnOf(p)));
                }
                levels.Add(properties);
            }
            var kind = Named(a, "Kind")?.Value is int k ? k : (int)DatasetKind.Table;
            datasets.Add(new DatasetDefinition(a, d.MetadataName, Arg(a, 0), kind, Tags(d), ProductDefinitions.InheritedColumns(levels)));
        }
        return new ProductDefinition(product, Arg(product, 0) ?? "", Arg(product, 1) ?? "", Named(product, "Owner")?.Value as string,
            Named(product, "Version")?.Value as string, Named(product, "Database")?.Value as string, Named(product, "Schema")?.Value as string,
            Tags(productClass), datasets);
    }

    /// <summary>The column a property declares with <c>[Column]</c>, or null.</summary>
    private ColumnDefinition? ColumnOf(IPropertySymbol p)
    {
        if (Get(p, Column) is not { } c) return null;
        var type = p.Type;
        var nullable = true;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n) type = n.TypeArguments[0];
        else if (type.IsValueType) nullable = false;
        else if (p.NullableAnnotation == NullableAnnotation.NotAnnotated) nullable = false;
        return new ColumnDefinition(c, p.Name, Arg(c, 0) ?? Named(c, "Name")?.Value as string, Arg(c, 1) ?? Named(c, "Type")?.Value as string,
            ClrName(type), nullable, Tags(p));
    }

    /// <summary>Domain owners from <c>[assembly: DataDomain(…)]</c>.</summary>
    public Dictionary<string, string> DomainOwners(IAssemblySymbol assembly)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Domain is null) return owners;
        foreach (var a in assembly.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, Domain) && Arg(a, 0) is { } name && Named(a, "Owner")?.Value is string owner)
                owners[name] = owner;
        }
        return owners;
    }

    private List<TagDefinitionUse> Tags(ISymbol symbol)
    {
        var tags = new List<TagDefinitionUse>();
        foreach (var a in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, Tag)) tags.Add(new TagDefinitionUse(a, Arg(a, 0) ?? "", Arg(a, 1) ?? ""));
        }
        return tags;
    }

    private static string? Arg(AttributeData a, int index)
        => index < a.ConstructorArguments.Length && a.ConstructorArguments[index].Kind == TypedConstantKind.Primitive ? a.ConstructorArguments[index].Value as string : null;

    private static TypedConstant? Named(AttributeData a, string name)
    {
        foreach (var kv in a.NamedArguments)
        {
            if (kv.Key == name) return kv.Value;
        }
        return null;
    }

    /// <summary>The name reflection gives the type (<c>Type.FullName</c>) for the types a column type is inferred from.</summary>
    public static string ClrName(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array) return ClrName(array.ElementType) + "[]";
        if (type.ContainingType is { } outer) return ClrName(outer) + "+" + type.MetadataName;
        return (type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : "") + type.MetadataName;
    }
}
