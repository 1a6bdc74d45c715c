# fish completion for psoas-triage.
set -l commands interview assess batch eval ref rules
complete -c psoas-triage -f
complete -c psoas-triage -n "not __fish_seen_subcommand_from $commands" -a interview -d "Ask the questions one at a time"
complete -c psoas-triage -n "not __fish_seen_subcommand_from $commands" -a assess -d "Assess an answer file"
complete -c psoas-triage -n "not __fish_seen_subcommand_from $commands" -a batch -d "Assess JSON Lines"
complete -c psoas-triage -n "not __fish_seen_subcommand_from $commands" -a eval -d "Measure accuracy on vignettes"
complete -c psoas-triage -n "not __fish_seen_subcommand_from $commands" -a ref -d "Quick reference"
complete -c psoas-triage -n "not __fish_seen_subcommand_from $commands" -a rules -d "Check and compare rule sets"
complete -c psoas-triage -l version -d "Print the version"
complete -c psoas-triage -s h -l help -d "Show help and examples"
complete -c psoas-triage -n "__fish_seen_subcommand_from interview assess" -s f -l format -xa "text json markdown html fhir"
complete -c psoas-triage -n "__fish_seen_subcommand_from interview assess" -l exit-code -d "Exit with the verdict"
complete -c psoas-triage -n "__fish_seen_subcommand_from batch" -s f -l format -xa "jsonl csv"
complete -c psoas-triage -n "__fish_seen_subcommand_from eval" -s f -l format -xa "text json"
complete -c psoas-triage -n "__fish_seen_subcommand_from batch eval" -F
complete -c psoas-triage -n "__fish_seen_subcommand_from batch" -s j -l jobs -x -d "Threads to work in (default: one per core)"
complete -c psoas-triage -n "__fish_seen_subcommand_from interview assess batch eval ref rules" -l rules -r -F -d "Rule set file or folder"
complete -c psoas-triage -n "__fish_seen_subcommand_from interview" -l save -r -F
complete -c psoas-triage -n "__fish_seen_subcommand_from interview" -l resume -r -F
complete -c psoas-triage -n "__fish_seen_subcommand_from interview" -l answers -r -F
complete -c psoas-triage -n "__fish_seen_subcommand_from interview" -l no-input -d "Never prompt"
complete -c psoas-triage -n "__fish_seen_subcommand_from interview" -l full -d "The whole report through the pager"
complete -c psoas-triage -n "__fish_seen_subcommand_from interview" -l show-ids -d "Question ids in each prompt"
complete -c psoas-triage -n "__fish_seen_subcommand_from assess" -F
complete -c psoas-triage -n "__fish_seen_subcommand_from ref" -xa "(psoas-triage ref --topics 2>/dev/null)"
complete -c psoas-triage -n "__fish_seen_subcommand_from ref" -s s -l search -x
complete -c psoas-triage -n "__fish_seen_subcommand_from ref" -s f -l format -xa "text markdown json"
complete -c psoas-triage -n "__fish_seen_subcommand_from ref" -l topics
complete -c psoas-triage -n "__fish_seen_subcommand_from ref" -l full -d "Every entry instead of the card"
complete -c psoas-triage -n "__fish_seen_subcommand_from ref" -l brief -d "Sources as numbered markers"
complete -c psoas-triage -n "__fish_seen_subcommand_from rules; and not __fish_seen_subcommand_from lint check graph diff export" -xa "lint check graph diff export"
complete -c psoas-triage -n "__fish_seen_subcommand_from export" -s f -l format -xa "fhir"
complete -c psoas-triage -n "__fish_seen_subcommand_from check" -l counterexamples -r -a "(__fish_complete_directories)"
complete -c psoas-triage -n "__fish_seen_subcommand_from diff" -l cases -r -a "(__fish_complete_directories)"
