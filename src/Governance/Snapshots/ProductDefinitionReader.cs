using System.Reflection;
using Governance.Diagnostics;

namespace Governance.Snapshots;

/// <summary>
/// Reads the product definitions (<see cref="DataProductAttribute"/> and the attributes inside) of a compiled assembly
/// into a snapshot: what <c>governance check --assembly</c> checks. Attributes are read as metadata
/// (<see cref="CustomAttributeData"/>), as the analyzers read them from symbols, and turned into the model by the same
/// <see cref="ProductDefinitions.Build"/>.
/// </summary>
public static class ProductDefinitionReader
{
    private const string Namespace = "Governance.";

    /// <summary>
    /// The definitions of <paramref name="assembly"/>. A definition that cannot become a snapshot throws
    /// <see cref="GovernanceInputException"/> (GOV9010) naming the class or property and what was expected. When
    /// <paramref name="file"/> is the assembly's path and it has a portable PDB, products, datasets and columns carry the C#
    /// file and line of their definitions (<see cref="DataProduct.Location"/>), which reports point at.
    /// </summary>
    public static MetadataSnapshot Read(Assembly assembly, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            throw new GovernanceInputException(GovIds.InvalidProductDefinition, file, null, null, "cannot load the types of the assembly: " + e.LoaderExceptions.FirstOrDefault()?.Message);
        }
        using var locations = file is null ? null : DefinitionLocations.Open(file);
        var mesh = Build(assembly, types, locations is null ? null : locations.Locate);
        if (mesh.Problems.Count > 0)
        {
            var first = mesh.Problems[0];
            throw new GovernanceInputException(GovIds.InvalidProductDefinition, file, null, null, Where(first.Source) + ": " + first.Message
                + (mesh.Problems.Count > 1 ? " (and " + (mesh.Problems.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more problems)" : ""));
        }
        return mesh.Snapshot;
    }

    /// <summary>The definitions of the given types, with their problems (the sources are <see cref="MemberInfo"/>s and
    /// <see cref="CustomAttributeData"/>s).</summary>
    public static DefinedMesh Build(Assembly assembly, IEnumerable<Type> types, Func<object, SourceLocation?>? locate = null)
    {
        var all = types.Where(t => t.IsClass).OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
        var products = new Dictionary<Type, (CustomAttributeData Attribute, List<DatasetDefinition> Datasets)>();
        foreach (var t in all)
        {
            if (Find(t, "DataProductAttribute") is { } a) products[t] = (a, new List<DatasetDefinition>());
        }
        var problems = new List<DefinitionProblem>();
        foreach (var t in all)
        {
            if (Find(t, "DatasetAttribute") is not { } a) continue;
            var owner = Named(a, "Product") as Type;
            if (owner is null)
            {
                for (var d = t.DeclaringType; d is not null; d = d.DeclaringType)
                {
                    if (products.ContainsKey(d)) { owner = d; break; }
                }
            }
            if (owner is null || !products.TryGetValue(owner, out var product))
            {
                problems.Add(new DefinitionProblem(t, ProductDefinitions.OrphanDataset));
                continue;
            }
            var levels = new List<IReadOnlyList<KeyValuePair<string, ColumnDefinition?>>>();
            for (var level = t; level is not null && level != typeof(object); level = level.BaseType)
            {
                levels.Add(level.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .OrderBy(p => p.MetadataToken).Select(p => new KeyValuePair<string, ColumnDefinition?>(p.Name, Column(p))).ToList());
            }
            product.Datasets.Add(new DatasetDefinition(t, t.Name, Arg(a, 0), Named(a, "Kind") is int kind ? kind : (int)DatasetKind.Table, Tags(t),
                ProductDefinitions.InheritedColumns(levels)));
        }

        var definitions = products.Select(kv => new ProductDefinition(kv.Key, Arg(kv.Value.Attribute, 0) ?? "", Arg(kv.Value.Attribute, 1) ?? "",
            Named(kv.Value.Attribute, "Owner") as string, Named(kv.Value.Attribute, "Version") as string,
            Named(kv.Value.Attribute, "Database") as string, Named(kv.Value.Attribute, "Schema") as string, Tags(kv.Key), kv.Value.Datasets));
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in assembly.GetCustomAttributesData().Where(d => d.AttributeType.FullName == Namespace + "DataDomainAttribute"))
        {
            if (Arg(d, 0) is { } name && Named(d, "Owner") is string o) owners[name] = o;
        }
        return ProductDefinitions.Build(definitions, owners, problems, locate, source => "`" + Where(source) + "`");
    }

    /// <summary>The column a property declares with <c>[Column]</c>, or null.</summary>
    private static ColumnDefinition? Column(PropertyInfo p)
    {
        if (Find(p, "ColumnAttribute") is not { } c) return null;
        var nullable = new NullabilityInfoContext().Create(p).ReadState != NullabilityState.NotNull;
        var clr = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
        return new ColumnDefinition(p, p.Name, Arg(c, 0) ?? Named(c, "Name") as string, Arg(c, 1) ?? Named(c, "Type") as string,
            clr.FullName ?? clr.Name, nullable, Tags(p));
    }

    private static CustomAttributeData? Find(MemberInfo member, string name)
        => member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == Namespace + name);

    private static List<TagDefinitionUse> Tags(MemberInfo member)
        => member.GetCustomAttributesData().Where(a => a.AttributeType.FullName == Namespace + "TagAttribute")
            .Select(a => new TagDefinitionUse((member, a), Arg(a, 0) ?? "", Arg(a, 1) ?? "")).ToList();

    private static string? Arg(CustomAttributeData a, int index)
        => index < a.ConstructorArguments.Count ? a.ConstructorArguments[index].Value as string : null;

    private static object? Named(CustomAttributeData a, string name)
    {
        foreach (var n in a.NamedArguments)
        {
            if (n.MemberName == name) return n.TypedValue.Value;
        }
        return null;
    }

    /// <summary>A problem's place in C# terms: <c>Namespace.Class</c> or <c>Namespace.Class.Property</c>, nested classes
    /// after a <c>+</c>, each class by its source name (<see cref="ProductDefinitions.SourceName"/>).</summary>
    private static string Where(object source) => source switch
    {
        Type t => (t.DeclaringType is { } outer ? Where(outer) + "+" : string.IsNullOrEmpty(t.Namespace) ? "" : t.Namespace + ".") + ProductDefinitions.SourceName(t.Name),
        PropertyInfo p => (p.DeclaringType is { } declaring ? Where(declaring) : "") + "." + p.Name,
        ValueTuple<MemberInfo, CustomAttributeData> x => Where(x.Item1) + " [Tag(" + string.Join(", ", x.Item2.ConstructorArguments.Select(c => "\"" + c.Value + "\"")) + ")]",
        _ => source.ToString() ?? "",
    };
}
