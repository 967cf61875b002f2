using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Governance.Snapshots;

/// <summary>
/// Where product definitions are written, from an assembly's portable PDB (beside it or embedded): the C# file and
/// line of a <c>[DataProduct]</c> or <c>[Dataset]</c> class (its first sequence point, else its nested classes', else
/// the file the PDB records for it) and of a <c>[Column]</c> property (its accessors). Without a PDB, nothing is located.
/// </summary>
internal sealed class DefinitionLocations : IDisposable
{
    // The portable PDB's record of the documents of types that have no method body (dotnet/runtime PortablePdb-Metadata.md).
    private static readonly Guid TypeDefinitionDocuments = new("932E74BC-DBA9-4478-8D46-0F32A7BAB3D3");

    private readonly PEReader _pe;
    private readonly MetadataReaderProvider _provider;
    private readonly MetadataReader _pdb;

    private DefinitionLocations(PEReader pe, MetadataReaderProvider provider)
    {
        _pe = pe;
        _provider = provider;
        _pdb = provider.GetMetadataReader();
    }

    /// <summary>The locations of <paramref name="assemblyPath"/>'s definitions, or null when it has no readable portable PDB.</summary>
    public static DefinitionLocations? Open(string assemblyPath)
    {
        PEReader? pe = null;
        try
        {
            pe = new PEReader(File.OpenRead(assemblyPath));
            if (pe.TryOpenAssociatedPortablePdb(assemblyPath, p => File.Exists(p) ? File.OpenRead(p) : null, out var provider, out _) && provider is not null)
                return new DefinitionLocations(pe, provider);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // No PDB, or one that cannot be read: findings keep their logical locations only.
        }
        pe?.Dispose();
        return null;
    }

    /// <summary>Where a definition (a <see cref="Type"/> or a <see cref="PropertyInfo"/>) is written, or null.</summary>
    public SourceLocation? Locate(object source) => source switch
    {
        Type t => OfType(t),
        PropertyInfo p => First(new[] { p.GetMethod, p.SetMethod }.Where(m => m is not null)!),
        _ => null,
    };

    private SourceLocation? OfType(Type t)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var own = First(t.GetMethods(All).Cast<MethodBase>().Concat(t.GetConstructors(All)));
        if (own is not null) return own;
        var nested = t.GetNestedTypes(All).Select(OfType).Where(l => l is not null).OrderBy(l => l!.Line).FirstOrDefault();
        if (nested is not null) return nested;
        var handle = MetadataTokens.TypeDefinitionHandle(t.MetadataToken);
        foreach (var h in _pdb.GetCustomDebugInformation(handle))
        {
            var info = _pdb.GetCustomDebugInformation(h);
            if (_pdb.GetGuid(info.Kind) != TypeDefinitionDocuments) continue;
            var blob = _pdb.GetBlobReader(info.Value);
            if (blob.RemainingBytes > 0) return new SourceLocation(Name(MetadataTokens.DocumentHandle(blob.ReadCompressedInteger())), line: 1);
        }
        return null;
    }

    /// <summary>The earliest visible sequence point of the methods.</summary>
    private SourceLocation? First(IEnumerable<MethodBase> methods)
    {
        SourceLocation? best = null;
        foreach (var m in methods)
        {
            var handle = MetadataTokens.MethodDefinitionHandle(m.MetadataToken);
            if (MetadataTokens.GetRowNumber(handle) > _pdb.MethodDebugInformation.Count) continue;
            var info = _pdb.GetMethodDebugInformation(handle);
            if (info.SequencePointsBlob.IsNil) continue;
            foreach (var sp in info.GetSequencePoints())
            {
                if (sp.IsHidden || sp.Document.IsNil) continue;
                if (best is null || sp.StartLine < best.Line) best = new SourceLocation(Name(sp.Document), line: sp.StartLine);
            }
        }
        return best;
    }

    private string Name(DocumentHandle document) => _pdb.GetString(_pdb.GetDocument(document).Name);

    public void Dispose()
    {
        _provider.Dispose();
        _pe.Dispose();
    }
}
