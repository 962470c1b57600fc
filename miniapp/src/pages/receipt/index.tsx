import { Placeholder } from '../../components/Placeholder';

export default function ReceiptPage() {
  return <Placeholder title='查询进度' />;
}
