# bash completion for psoas-triage: commands, options, ref topics and file arguments.
_psoas_triage() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion || return
  else
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi

  local command="" sub="" i
  for ((i = 1; i < cword; i++)); do
    case "${words[i]}" in
      -*) ;;
      *)
        if [[ -z $command ]]; then
          command="${words[i]}"
        elif [[ $command == rules && -z $sub ]]; then
          sub="${words[i]}"
        fi
        ;;
    esac
  done

  case "$prev" in
    --rules)
      COMPREPLY=($(compgen -f -- "$cur"))
      return
      ;;
    --save|--resume|--answers)
      COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur") $(compgen -d -- "$cur"))
      return
      ;;
    --counterexamples|--cases)
      COMPREPLY=($(compgen -d -- "$cur"))
      return
      ;;
    -j|--jobs)
      COMPREPLY=($(compgen -W "$(seq 1 "$(nproc 2>/dev/null || echo 1)")" -- "$cur"))
      return
      ;;
    -f|--format)
      local formats
      case "$command" in
        ref) formats="text markdown json" ;;
        batch) formats="jsonl csv" ;;
        eval) formats="text json" ;;
        rules) formats="fhir" ;;
        *) formats="text json markdown html fhir" ;;
      esac
      COMPREPLY=($(compgen -W "$formats" -- "$cur"))
      return
      ;;
  esac

  local options
  case "$command" in
    "")
      COMPREPLY=($(compgen -W "interview assess batch eval ref rules --help --version" -- "$cur"))
      return
      ;;
    interview) options="--save --resume --answers --no-input --full --show-ids --format --exit-code --rules --help" ;;
    assess) options="--format --exit-code --rules --help" ;;
    batch) options="--format --jobs --rules --help" ;;
    eval) options="--format --rules --help" ;;
    ref) options="--search --format --full --brief --topics --rules --help" ;;
    rules)
      if [[ -z $sub ]]; then
        COMPREPLY=($(compgen -W "lint check graph diff export --help" -- "$cur"))
        return
      fi
      case "$sub" in
        check) options="--counterexamples --help" ;;
        diff) options="--cases --help" ;;
        export) options="--format --help" ;;
        *) options="--help" ;;
      esac
      ;;
  esac

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  elif [[ $command == ref ]]; then
    COMPREPLY=($(compgen -W "$("${words[0]}" ref --topics 2>/dev/null)" -- "$cur"))
  elif [[ $command == assess ]]; then
    COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur") $(compgen -d -- "$cur"))
  elif [[ $command == eval ]]; then
    COMPREPLY=($(compgen -d -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -F _psoas_triage psoas-triage
