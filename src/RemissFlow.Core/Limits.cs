namespace RemissFlow.Core;

/// <summary>
/// The limits a validator, a page's maxlength or hint and the database mapping must agree on, each written once.
/// A text limit is the column's length (character varying(n) on PostgreSQL), so what the form lets through, the
/// validator accepts and the database stores are the same number.
/// </summary>
public static class Limits
{
    /// <summary>The shortest password Identity and the validators accept; the forms' hints say the same.</summary>
    public const int PasswordMinimumLength = 12;

    /// <summary>The largest file a remisshandling, bilaga or uploaded answer may be (FileStoreOptions' default).</summary>
    public const long UploadFileBytes = 25 * 1024 * 1024;

    /// <summary>An upload request: the file plus room for the form around it and the multipart framing.</summary>
    public const long UploadRequestBytes = UploadFileBytes + 5 * 1024 * 1024;

    /// <summary>
    /// A comment on a tjänsteutlåtande version, and the return comment appended to it (Kommentar, character varying(2000)).
    /// </summary>
    public const int Kommentar = 2000;

    /// <summary>Why an instans abstains (AvstarMotivering), and the reasons given for undoing or correcting a beslut.</summary>
    public const int Motivering = 2000;

    /// <summary>A sekretess marking's reason and the motivering for lifting it (Skal, character varying(1000)).</summary>
    public const int SekretessSkal = 1000;

    /// <summary>An anstånd request's motivering and the decision's comment (Motivering, BeslutKommentar).</summary>
    public const int AnstandText = 4000;

    /// <summary>A remiss's title, a TU's and a handling's rubrik.</summary>
    public const int Rubrik = 300;

    /// <summary>An answer an outside organisation writes in the svarslänk's form (SvarslankSvar.Text).</summary>
    public const int SvarslankText = 20_000;

    /// <summary>Names of people, organisations and organ; e-mail addresses, titles and web addresses.</summary>
    public const int Namn = 200;

    /// <summary>A Message-ID kept for an incoming e-mail (RFC 5322 lines stop at 998 characters; real ones are far shorter).</summary>
    public const int MessageId = 998;

    /// <summary>The text of an incoming e-mail kept on its Inkommande item; the rest is cut with a note.</summary>
    public const int InkommandeText = 100_000;

    /// <summary>The largest incoming e-mail read in whole; a bigger one becomes an item that says so.</summary>
    public const long InkommandeMessageBytes = 40 * 1024 * 1024;

    public const int Telefon = 50;

    public const int Adress = 300;
}
