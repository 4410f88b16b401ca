// Every command file builds System.CommandLine commands.
global using System.CommandLine;
