namespace Vigil.Core;

/// <summary>What kind of failure, so the CLI and the server can map it (exit code, HTTP status) without parsing text.</summary>
public enum ErrorKind
{
    /// <summary>The input is malformed: corrupt tarball, malformed JSON, hostile path, bomb.</summary>
    InvalidInput,
    /// <summary>A digest did not match the content.</summary>
    Integrity,
    /// <summary>A file, image, tag or platform does not exist.</summary>
    NotFound,
    /// <summary>A format, media type or scheme Vigil does not handle.</summary>
    Unsupported,
    /// <summary>Credentials missing or refused.</summary>
    Unauthorized,
    /// <summary>Network or remote server failure.</summary>
    Network,
    /// <summary>The vulnerability database is missing, too old or of another schema.</summary>
    Database,
    /// <summary>The user's arguments are wrong.</summary>
    Usage,
}

/// <summary>
/// An error a user can act on: <see cref="Exception.Message"/> says what failed and where,
/// <see cref="Hint"/> says what to do about it.
/// </summary>
public class VigilException : Exception
{
    public VigilException(ErrorKind kind, string message, string? hint = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Hint = hint;
    }

    public ErrorKind Kind { get; }

    public string? Hint { get; }
}
