using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RemissFlow.Testing;

/// <summary>Text of a PDF via pdftotext (poppler-utils). A missing tool fails the test with the fix.</summary>
public static partial class PdfText
{
    /// <param name="raw">Text in drawing order (pdftotext -raw): a table cell stays in one piece instead of interleaving with its neighbours.</param>
    public static string Extract(byte[] pdf, bool raw = false)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var psi = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in raw ? new[] { "-raw", "-enc", "UTF-8", path, "-" } : new[] { "-enc", "UTF-8", path, "-" })
            {
                psi.ArgumentList.Add(a);
            }

            Process process;
            try
            {
                process = Process.Start(psi) ?? throw new InvalidOperationException("pdftotext did not start");
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Assert.Fail("pdftotext saknas. Installera: apt-get update && apt-get install -y poppler-utils");
                throw;
            }

            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.That(process.ExitCode, Is.Zero, stderr);
                return stdout.Result;
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Extracted text with every run of whitespace as one space: sentences wrap across lines in a PDF.</summary>
    public static string Flat(byte[] pdf) => Whitespace().Replace(Extract(pdf), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
