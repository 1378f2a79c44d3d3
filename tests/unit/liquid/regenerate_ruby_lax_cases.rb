# Rewrites the "output" of every case in a Ruby-verified cases file (ruby_lax_cases.json,
# ruby_lax_random_cases.json) with what Ruby Liquid 5.4 renders (Debian ruby-liquid), the
# byte-exact oracle for lax mode. A case's own "data"/"partials" override the file's shared ones.
#   ruby tests/unit/liquid/regenerate_ruby_lax_cases.rb tests/unit/liquid/ruby_lax_cases.json
require 'json'
require 'liquid'

class MemoryFileSystem
  def initialize(templates) = @templates = templates
  def read_template_file(name)
    @templates.fetch(name) { raise Liquid::FileSystemError, "No such template '#{name}'" }
  end
end

path = ARGV.fetch(0)
doc = JSON.parse(File.read(path))
doc['cases'].each do |c|
  template = Liquid::Template.parse(c['template'], error_mode: :lax, line_numbers: true)
  partials = c['partials'] || doc['partials'] || {}
  registers = Liquid::Registers.new(file_system: MemoryFileSystem.new(partials))
  # A fresh copy per case: Ruby's increment/decrement write into the data hash.
  data = JSON.parse(JSON.generate(c['data'] || doc['data'] || {}))
  context = Liquid::Context.build(environments: [data], registers: registers)
  c['output'] = template.render(context)
end
File.write(path, JSON.pretty_generate(doc) + "\n")
