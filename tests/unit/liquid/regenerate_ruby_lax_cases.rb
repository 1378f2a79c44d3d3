# Rewrites the "output" of every case in ruby_lax_cases.json with what Ruby Liquid 5.4 renders
# (Debian ruby-liquid), the byte-exact oracle for lax mode:
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
  registers = Liquid::Registers.new(file_system: MemoryFileSystem.new(c['partials'] || {}))
  context = Liquid::Context.build(environments: [c['data'] || {}], registers: registers)
  c['output'] = template.render(context)
end
File.write(path, JSON.pretty_generate(doc) + "\n")
