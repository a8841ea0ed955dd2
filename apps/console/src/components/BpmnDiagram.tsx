import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface DiagramOverlay {
  elementId: string;
  html: string;
  position?: { top?: number; bottom?: number; left?: number; right?: number };
}

interface Canvas {
  zoom(level?: 'fit-viewport' | number): number;
  scroll(delta: { dx: number; dy: number }): void;
  addMarker(elementId: string, marker: string): void;
  findRoot(elementId: string): { id: string } | undefined;
  setRootElement(root: { id: string }): void;
  getRootElement(): { id: string };
}
interface Registry {
  get(id: string): unknown;
}
interface Overlays {
  add(elementId: string, overlay: { position: DiagramOverlay['position']; html: string }): void;
}

/**
 * A process drawn with bpmn-js (navigated viewer: pan with the mouse, zoom with the wheel), with
 * CSS markers on elements (completed, active, incident, ...) and HTML overlays (counts, badges).
 * `focus`: an element whose plane is shown first (a token inside a collapsed sub-process).
 */
export function BpmnDiagram({
  xml,
  markers,
  overlays = [],
  focus,
  label,
}: {
  xml: string;
  markers: Record<string, string[]>;
  overlays?: DiagramOverlay[];
  focus?: string;
  label: string;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const canvasRef = useRef<Canvas | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const viewer = new NavigatedViewer({ container: container.current });
    let cancelled = false;
    setReady(false);
    viewer
      .importXML(xml)
      .then(() => {
        if (cancelled) return;
        const canvas = viewer.get<Canvas>('canvas');
        canvasRef.current = canvas;
        const registry = viewer.get<Registry>('elementRegistry');
        const overlayService = viewer.get<Overlays>('overlays');
        for (const [marker, ids] of Object.entries(markers))
          for (const id of ids) if (registry.get(id)) canvas.addMarker(id, marker);
        for (const overlay of overlays)
          if (registry.get(overlay.elementId))
            overlayService.add(overlay.elementId, {
              position: overlay.position ?? { top: -14, right: 14 },
              html: overlay.html,
            });
        if (focus && registry.get(focus)) {
          const root = canvas.findRoot(focus);
          if (root && root.id !== canvas.getRootElement().id) canvas.setRootElement(root);
        }
        canvas.zoom('fit-viewport');
        setReady(true);
      })
      .catch((failure: Error) => setError(failure.message));
    return () => {
      cancelled = true;
      canvasRef.current = null;
      viewer.destroy();
    };
  }, [xml, markers, overlays, focus]);

  /** The keyboard moves the diagram as the mouse does: arrows pan, + and − zoom, 0 fits it. */
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const step = 60;
    const pans: Record<string, { dx: number; dy: number }> = {
      ArrowLeft: { dx: step, dy: 0 },
      ArrowRight: { dx: -step, dy: 0 },
      ArrowUp: { dx: 0, dy: step },
      ArrowDown: { dx: 0, dy: -step },
    };
    if (pans[event.key]) canvas.scroll(pans[event.key]);
    else if (event.key === '+' || event.key === '=') canvas.zoom(canvas.zoom() * 1.2);
    else if (event.key === '-') canvas.zoom(canvas.zoom() / 1.2);
    else if (event.key === '0') canvas.zoom('fit-viewport');
    else return;
    event.preventDefault();
  };

  return (
    <figure className="diagram-figure">
      <div
        ref={container}
        className="diagram"
        role="img"
        aria-label={label}
        data-testid="diagram"
        data-ready={ready ? 'true' : 'false'}
        tabIndex={0}
        onKeyDown={onKeyDown}
      />
      <figcaption className="muted">{t('monitor.diagramHelp')}</figcaption>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </figure>
  );
}
