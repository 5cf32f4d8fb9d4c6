import { runTool } from './run-tool.ts';

const listed = new Map<string, Promise<ReadonlySet<string>>>();

/** Encoder names this ffmpeg was built with (`ffmpeg -encoders`), asked once per binary and kept. */
export function ffmpegEncoders(ffmpegPath: string): Promise<ReadonlySet<string>> {
  let encoders = listed.get(ffmpegPath);
  if (!encoders) {
    encoders = runTool(ffmpegPath, ['-hide_banner', '-nostdin', '-encoders']).then(
      (result) => parseEncoderList(result.exitCode === 0 ? result.stdout : ''),
      () => new Set<string>(),
    );
    listed.set(ffmpegPath, encoders);
  }
  return encoders;
}

export async function hasEncoder(ffmpegPath: string, name: string): Promise<boolean> {
  return (await ffmpegEncoders(ffmpegPath)).has(name);
}

/** Lines like ` V....D libx264   libx264 H.264 / AVC …` after the `------` separator. */
export function parseEncoderList(text: string): Set<string> {
  const names = new Set<string>();
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim().startsWith('---'));
  for (const line of lines.slice(start + 1)) {
    const match = /^\s*[VAS][A-Z.]{5}\s+(\S+)/.exec(line);
    if (match?.[1]) names.add(match[1]);
  }
  return names;
}
