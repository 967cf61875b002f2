using System.Text;

namespace Governance;

/// <summary>
/// The one way the library and the importers open an input file: whatever is wrong with the path or the file (missing,
/// a folder, empty, not a valid name, too long, unreadable, not UTF-8), a <see cref="GovernanceInputException"/> with the
/// given GOV ID that names the file and says what was expected, never a raw IO or argument exception.
/// </summary>
internal static class InputFiles
{
    /// <summary>The whole file as text (UTF-8 unless <paramref name="encoding"/> says otherwise; a byte order mark skipped).</summary>
    /// <param name="path">The file.</param>
    /// <param name="govId">The ID of the error, the one for bad files of this kind.</param>
    /// <param name="what">What the file should be, with its article: <c>a waiver file</c>.</param>
    /// <param name="encoding">The encoding; a strict one (throwing on invalid bytes) reports a file that is not that text.</param>
    public static string ReadText(string path, string govId, string what, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return File.ReadAllText(path, encoding ?? Encoding.UTF8);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw new GovernanceInputException(govId, path, null, null, Unreadable(e, path, what), e);
        }
    }

    /// <summary>Opens a file to stream, without buffering (the caller's parser has its own buffer).</summary>
    public static FileStream Open(string path, string govId, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw new GovernanceInputException(govId, path, null, null, Unreadable(e, path, what), e);
        }
    }

    // ArgumentException covers an empty path, a NUL in it and (DecoderFallbackException) bytes that are not the encoding's.
    private static bool IsUnreadable(Exception e) => e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException;

    private static string Unreadable(Exception e, string path, string what) => e switch
    {
        _ when path.Length == 0 => "the path is empty; expected " + what,
        _ when Directory.Exists(path) => "this is a folder, not a file; expected " + what,
        FileNotFoundException => "the file does not exist; expected " + what,
        DirectoryNotFoundException => "the directory does not exist; expected " + what,
        PathTooLongException => "the path is too long; expected " + what,
        DecoderFallbackException => "the file is not UTF-8 text; expected " + what,
        UnauthorizedAccessException => "the file cannot be opened: access is denied",
        ArgumentException or NotSupportedException => "the path is not a valid file name; expected " + what,
        _ => "the file cannot be read: " + e.Message,
    };
}
