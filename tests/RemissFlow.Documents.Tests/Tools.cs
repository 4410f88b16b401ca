using System.Diagnostics;

namespace RemissFlow.Documents.Tests;

/// <summary>Runs qpdf / pdftotext. A missing tool fails the test with the fix, never passes silently.</summary>
internal static class Tools
{
    public static (int Exit, string Output) Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        Process p;
        try
        {
            p = Process.Start(psi) ?? throw new InvalidOperationException();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Assert.Fail($"{tool} is not installed. Install it with: apt-get update && apt-get install -y qpdf poppler-utils");
            throw;
        }

        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout.Result + stderr);
        }
    }

    public static string PdfToText(byte[] pdf, params string[] options)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var (exit, output) = Run("pdftotext", [.. options, "-enc", "UTF-8", path, "-"]);
            Assert.That(exit, Is.Zero, output);
            return output;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Runs <paramref name="tool"/> with <paramref name="args"/> and the PDF's path last; fails on a non-zero exit.</summary>
    public static string OnFile(byte[] pdf, string tool, params string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var (exit, output) = Run(tool, [.. args, path]);
            Assert.That(exit, Is.Zero, output);
            return output;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static string QpdfCheck(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var (exit, output) = Run("qpdf", "--check", path);
            Assert.That(exit, Is.Zero, output);
            return output;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
