# Reference comparator for Vigil's differential tests: one process, many lines.
# Usage: ruby gemcmp.rb MODE < input
#   compare    "a<TAB>b"            -> "<", "=", ">" (Gem::Version#<=>) or "!reason"
#   satisfies  "v<TAB>requirement"  -> "true" / "false" (Gem::Requirement#satisfied_by?) or "!reason"
#   probe      prints "ok"
require "rubygems"
mode = ARGV[0]
if mode == "probe"
  puts "ok"
  exit 0
end
out = []
$stdin.each_line do |line|
  a, b = line.chomp.split("\t", 2)
  begin
    if mode == "compare"
      c = Gem::Version.new(a) <=> Gem::Version.new(b)
      out << (c < 0 ? "<" : c > 0 ? ">" : "=")
    else
      req = Gem::Requirement.new(*b.split(",").map(&:strip))
      out << req.satisfied_by?(Gem::Version.new(a)).to_s
    end
  rescue StandardError => e
    out << "!" + e.message.gsub("\n", " ")
  end
end
$stdout.write(out.join("\n") + "\n")
